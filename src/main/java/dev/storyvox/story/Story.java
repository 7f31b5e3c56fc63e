package dev.storyvox.story;

import java.util.List;

/**
 * The story the LLM wrote: a title and five panels. Panel 0 is the cover (its text is the scene on the
 * cover), panels 1–4 are the pages (their text is read aloud); every panel has an English image prompt.
 */
public record Story(String title, List<Panel> panels) {

  /** One panel: its number, its Korean text and its English image prompt. */
  public record Panel(int panel, String text, String prompt) {
  }

  public Story {
    panels = List.copyOf(panels);
  }

  /** The text of page {@code page}: the title on the cover, the panel's summary elsewhere. */
  public String pageText(int page) {
    return page == 0 ? title : panels.get(page).text();
  }

  /** The English image prompt of page {@code page}. */
  public String imagePrompt(int page) {
    return panels.get(page).prompt();
  }
}
