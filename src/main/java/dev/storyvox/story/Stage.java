package dev.storyvox.story;

/** The step a running run is working on: the story, the cover, the four panels, then narration. */
public enum Stage {
  LLM, COVER, PANEL_1, PANEL_2, PANEL_3, PANEL_4, TTS;

  /** The image stage of {@code page} (0 is the cover). */
  public static Stage image(int page) {
    return values()[COVER.ordinal() + page];
  }

  /** The page an image stage draws (0 is the cover); -1 for the others. */
  public int page() {
    return this.compareTo(COVER) >= 0 && this.compareTo(PANEL_4) <= 0 ? ordinal() - COVER.ordinal() : -1;
  }
}
