package dev.storyvox.story;

/** Where a run is in its life; DONE, FAILED and CANCELLED are final. */
public enum RunStatus {
  QUEUED, RUNNING, DONE, FAILED, CANCELLED;

  /** Whether nothing more will happen to a run in this status. */
  public boolean isFinal() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }
}
