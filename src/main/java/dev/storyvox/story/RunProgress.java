package dev.storyvox.story;

/** Progress inside the current stage, e.g. the sampler's step of an image; {@code stage} null when none. */
public record RunProgress(Stage stage, int step, int total) {

  /** No progress to report. */
  public static final RunProgress NONE = new RunProgress(null, 0, 0);

  /** The start of {@code stage}. */
  public static RunProgress start(Stage stage) {
    return new RunProgress(stage, 0, 0);
  }
}
