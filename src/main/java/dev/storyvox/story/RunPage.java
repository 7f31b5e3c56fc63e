package dev.storyvox.story;

/**
 * One page of a run (0 is the cover).
 *
 * @param page 0..4
 * @param text the text read on this page (the title on the cover), or null before the story exists
 * @param imageKind {@code comfyui} or {@code card} once the image is written, else null
 * @param audio whether {@code page_N.wav} is written
 */
public record RunPage(int page, String text, String imageKind, boolean audio) {

  /** A page with nothing made yet. */
  public static RunPage empty(int page) {
    return new RunPage(page, null, null, false);
  }

  public RunPage withText(String newText) {
    return new RunPage(page, newText, imageKind, audio);
  }

  public RunPage withImage(String kind) {
    return new RunPage(page, text, kind, audio);
  }

  public RunPage withAudio() {
    return new RunPage(page, text, imageKind, true);
  }

  public boolean hasImage() {
    return imageKind != null;
  }
}
