package dev.storyvox.story;

import dev.storyvox.bus.Failures;
import dev.storyvox.bus.ServiceException;

/** A failure of one stage of a run, carrying the stage so the run's error can name it. */
final class StageFailure extends RuntimeException {

  private final Stage stage;

  StageFailure(Stage stage, Throwable cause) {
    super(cause.getMessage(), cause, false, false);
    this.stage = stage;
  }

  /** {@code cause} tagged with {@code stage}, unless it already is tagged. */
  static StageFailure at(Stage stage, Throwable cause) {
    return cause instanceof StageFailure tagged ? tagged : new StageFailure(stage, cause);
  }

  /** The run error this failure means. */
  RunError toRunError() {
    ServiceException e = Failures.toService(getCause());
    return new RunError(stage, e.code().name(), e.getMessage());
  }
}
