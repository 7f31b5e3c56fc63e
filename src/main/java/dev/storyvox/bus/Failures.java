package dev.storyvox.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Maps failures between the bus and the API, in this one place. A consumer fails a message with the HTTP
 * status as the failure code and {@code "CODE: message"} as the text; a {@link Reason} other than NONE
 * follows a unit separator and structured detail a record separator. A caller turns the
 * {@link ReplyException} back into a {@link ServiceException} with the same code, status, reason, message
 * and detail: TIMEOUT → 504 TIMEOUT (TIMED_OUT), NO_HANDLERS → 503 MODEL_UNAVAILABLE (NO_ENGINE), a
 * transport ERROR → 503 UNAVAILABLE (TRANSPORT), RECIPIENT_FAILURE → its code. Nothing else reads the text.
 */
public final class Failures {

  private static final String NO_ENGINE = "no engine is serving this request right now";
  private static final char REASON_SEPARATOR = '\u001f';
  private static final char DETAIL_SEPARATOR = '\u001e';

  private Failures() {
  }

  /** Fails {@code message} with {@code cause} mapped to a status and {@code "CODE: text"}. */
  public static void fail(Message<?> message, Throwable cause) {
    ServiceException e = toService(cause);
    message.fail(e.status(), encode(e));
  }

  /** The bus failure text of an exception: {@code "CODE: message"} plus optional reason and detail. */
  public static String encode(ServiceException e) {
    StringBuilder text = new StringBuilder(e.code().name()).append(": ").append(e.getMessage());
    if (e.reason() != Reason.NONE) {
      text.append(REASON_SEPARATOR).append(e.reason().name());
    }
    if (e.detail() != null) {
      text.append(DETAIL_SEPARATOR).append(e.detail().encode());
    }
    return text.toString();
  }

  /** Any throwable as a {@link ServiceException}; unknown failures become 500 INTERNAL_ERROR. */
  public static ServiceException toService(Throwable cause) {
    if (cause instanceof ServiceException se) {
      return se;
    }
    if (cause instanceof ReplyException re) {
      return fromReply(re);
    }
    String text = cause == null || cause.getMessage() == null ? "unexpected error" : cause.getMessage();
    return new ServiceException(ErrorCode.INTERNAL_ERROR, 500, text, null, cause);
  }

  /** Whether {@code cause}, as a service failure, has {@code reason}. */
  public static boolean is(Throwable cause, Reason reason) {
    return toService(cause).reason() == reason;
  }

  /** The service failure a reply exception stands for. */
  public static ServiceException fromReply(ReplyException re) {
    return switch (re.failureType()) {
      case TIMEOUT -> new ServiceException(ErrorCode.TIMEOUT, Reason.TIMED_OUT, "the engine did not answer in time");
      case NO_HANDLERS -> new ServiceException(ErrorCode.MODEL_UNAVAILABLE, Reason.NO_ENGINE,
          NO_ENGINE + " (" + re.getMessage() + ")");
      case ERROR -> transport(re);
      case RECIPIENT_FAILURE -> decode(re.failureCode(), re.getMessage());
    };
  }

  private static ServiceException transport(ReplyException re) {
    ServiceException decoded = decode(re.failureCode(), re.getMessage());
    return decoded.code() != ErrorCode.INTERNAL_ERROR ? decoded
        : new ServiceException(ErrorCode.UNAVAILABLE, Reason.TRANSPORT,
            "the event bus could not carry the request: " + re.getMessage());
  }

  static ServiceException decode(int status, String text) {
    String body = text == null ? "" : text;
    JsonObject detail = null;
    int sep = body.lastIndexOf(DETAIL_SEPARATOR);
    if (sep >= 0) {
      detail = parseDetail(body.substring(sep + 1));
      body = body.substring(0, sep);
    }
    Reason reason = Reason.NONE;
    int mark = body.lastIndexOf(REASON_SEPARATOR);
    if (mark >= 0) {
      reason = Reason.byName(body.substring(mark + 1));
      body = body.substring(0, mark);
    }
    boolean httpStatus = status >= 400 && status < 600;
    int colon = body.indexOf(": ");
    ErrorCode code = colon > 0 ? ErrorCode.byName(body.substring(0, colon)) : null;
    if (code == null) {
      return new ServiceException(httpStatus ? codeFor(status) : ErrorCode.INTERNAL_ERROR, httpStatus ? status : 500,
          reason, body, detail, null);
    }
    return new ServiceException(code, httpStatus ? status : code.status(), reason, body.substring(colon + 2),
        detail, null);
  }

  private static JsonObject parseDetail(String json) {
    try {
      return new JsonObject(json);
    } catch (DecodeException e) {
      return null;
    }
  }

  private static ErrorCode codeFor(int status) {
    for (ErrorCode c : ErrorCode.values()) {
      if (c.status() == status) {
        return c;
      }
    }
    return ErrorCode.INTERNAL_ERROR;
  }
}
