package dev.storyvox.bus;

import io.vertx.core.json.JsonObject;

/**
 * A failure the user can act on: an {@link ErrorCode}, a human message and optional structured detail.
 * It is the one exception type that crosses from engines and verticles to the HTTP failure handler.
 */
public class ServiceException extends RuntimeException {

  private final ErrorCode code;
  private final int status;
  private final transient JsonObject detail;

  public ServiceException(ErrorCode code, String message) {
    this(code, code.status(), message, null, null);
  }

  public ServiceException(ErrorCode code, String message, JsonObject detail) {
    this(code, code.status(), message, detail, null);
  }

  public ServiceException(ErrorCode code, String message, Throwable cause) {
    this(code, code.status(), message, null, cause);
  }

  public ServiceException(ErrorCode code, int status, String message, JsonObject detail, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
    this.status = status;
    this.detail = detail;
  }

  public ErrorCode code() {
    return code;
  }

  /** The HTTP status; usually {@code code().status()}, but a 429 BUSY may come as 503 when a node is down. */
  public int status() {
    return status;
  }

  /** Structured detail for the client, or {@code null}. */
  public JsonObject detail() {
    return detail;
  }
}
