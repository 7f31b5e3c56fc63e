package dev.storyvox.bus;

/**
 * The error codes of the API and the HTTP status each one means. Bus failures carry the status as
 * the failure code and {@code "CODE: message"} as the text.
 */
public enum ErrorCode {
  INVALID_REQUEST(400),
  INVALID_URL(400),
  UNSUPPORTED_FORMAT(400),
  UNAUTHORIZED(401),
  NOT_FOUND(404),
  TASK_NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  DUPLICATE_ATTEMPT(409),
  PAYLOAD_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  BUSY(429),
  RATE_LIMITED(429),
  INTERNAL_ERROR(500),
  DOWNLOAD_FAILURE(500),
  STT_FAILURE(500),
  WARMUP_FAILED(500),
  LLM_FAILURE(500),
  COMFYUI_FAILURE(500),
  TTS_FAILURE(500),
  NOT_IMPLEMENTED(501),
  MODEL_UNAVAILABLE(503),
  UNAVAILABLE(503),
  /** A state or output could not be written for another I/O reason than a full disk. */
  STORAGE_FAILURE(503),
  TIMEOUT(504),
  /** The outputs folder is full (ENOSPC): nothing was written. */
  STORAGE_FULL(507);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  /** The HTTP status this code is answered with. */
  public int status() {
    return status;
  }

  /** The code for a name, or {@code null} when the name is not a known code. */
  public static ErrorCode byName(String name) {
    for (ErrorCode code : values()) {
      if (code.name().equals(name)) {
        return code;
      }
    }
    return null;
  }
}
