package dev.storyvox.bus;

import io.vertx.core.json.JsonObject;

/**
 * A failure the user can act on: an {@link ErrorCode}, a typed {@link Reason}, a human message and optional
 * structured detail. It is the one exception type that crosses from engines and verticles, over the bus
 * ({@link Failures}), to the HTTP failure handler. Decisions read {@link #code()} and {@link #reason()},
 * never the message.
 */
public class ServiceException extends RuntimeException {

  private final ErrorCode code;
  private final int status;
  private final Reason reason;
  private final transient JsonObject detail;

  public ServiceException(ErrorCode code, String message) {
    this(code, code.status(), Reason.NONE, message, null, null);
  }

  public ServiceException(ErrorCode code, Reason reason, String message) {
    this(code, code.status(), reason, message, null, null);
  }

  public ServiceException(ErrorCode code, String message, JsonObject detail) {
    this(code, code.status(), Reason.NONE, message, detail, null);
  }

  public ServiceException(ErrorCode code, String message, Throwable cause) {
    this(code, code.status(), Reason.NONE, message, null, cause);
  }

  public ServiceException(ErrorCode code, Reason reason, String message, Throwable cause) {
    this(code, code.status(), reason, message, null, cause);
  }

  public ServiceException(ErrorCode code, int status, String message, JsonObject detail, Throwable cause) {
    this(code, status, Reason.NONE, message, detail, cause);
  }

  public ServiceException(ErrorCode code, int status, Reason reason, String message, JsonObject detail,
                          Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
    this.status = status;
    this.reason = reason == null ? Reason.NONE : reason;
    this.detail = detail;
  }

  public ErrorCode code() {
    return code;
  }

  /** The HTTP status; usually {@code code().status()}, but a 429 BUSY may come as 503 when a node is down. */
  public int status() {
    return status;
  }

  /** Why it failed, finer than the code; {@link Reason#NONE} when nothing finer is known. */
  public Reason reason() {
    return reason;
  }

  /** Structured detail for the client, or {@code null}. */
  public JsonObject detail() {
    return detail;
  }
}
