package dev.storyvox.solo;

/** Where a submission is: waiting, being graded, or final (graded or failed). */
public enum SoloStatus {
  PENDING, PROCESSING, COMPLETED, FAILED;

  /** Whether nothing more will happen to the submission. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED;
  }
}
