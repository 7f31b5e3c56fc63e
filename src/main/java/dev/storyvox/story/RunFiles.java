package dev.storyvox.story;

import java.util.regex.Pattern;

/**
 * The names of a run's files in {@code <outputs.dir>/<run_id>/}: {@code cover.png}, {@code panel_1..4.png},
 * {@code page_0..4.wav}, {@code story.json} and {@code run.json}. Only these names are ever served.
 */
public final class RunFiles {

  /** The story as the LLM wrote it (reused when a run resumes). */
  public static final String STORY = "story.json";
  /** The run's state and event log. */
  public static final String RUN = "run.json";

  private static final Pattern IMAGE = Pattern.compile("(cover|panel_[1-4])\\.png");
  private static final Pattern AUDIO = Pattern.compile("page_[0-4]\\.wav");

  private RunFiles() {
  }

  /** The image file of page {@code page}. */
  public static String image(int page) {
    return page == 0 ? "cover.png" : "panel_" + page + ".png";
  }

  /** The narration file of page {@code page}. */
  public static String audio(int page) {
    return "page_" + page + ".wav";
  }

  /** Whether {@code name} is one of a run's image names. */
  public static boolean isImage(String name) {
    return name != null && IMAGE.matcher(name).matches();
  }

  /** Whether {@code name} is one of a run's narration names. */
  public static boolean isAudio(String name) {
    return name != null && AUDIO.matcher(name).matches();
  }
}
