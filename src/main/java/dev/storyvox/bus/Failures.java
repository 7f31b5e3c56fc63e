package dev.storyvox.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Maps failures between the bus and the API. A consumer fails a message with the HTTP status as the
 * failure code and {@code "CODE: message"} as the text (structured detail follows a record separator);
 * a caller turns the {@link ReplyException} back into a {@link ServiceException}:
 * TIMEOUT → 504, NO_HANDLERS → 503 MODEL_UNAVAILABLE, RECIPIENT_FAILURE → its code.
 */
public final class Failures {

  /** How the message of a request that no consumer anywhere took (NO_HANDLERS) begins. */
  public static final String NO_ENGINE = "no engine is serving this request right now";

  private static final char DETAIL_SEPARATOR = '\u001e';

  private Failures() {
  }

  /** Fails {@code message} with {@code cause} mapped to a status and {@code "CODE: text"}. */
  public static void fail(Message<?> message, Throwable cause) {
    ServiceException e = toService(cause);
    message.fail(e.status(), encode(e));
  }

  /** The bus failure text of an exception: {@code "CODE: message"} plus optional detail. */
  public static String encode(ServiceException e) {
    String text = e.code().name() + ": " + e.getMessage();
    return e.detail() == null ? text : text + DETAIL_SEPARATOR + e.detail().encode();
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

  /** The service failure a reply exception stands for. */
  public static ServiceException fromReply(ReplyException re) {
    return switch (re.failureType()) {
      case TIMEOUT -> new ServiceException(ErrorCode.TIMEOUT, "the engine did not answer in time");
      case NO_HANDLERS -> new ServiceException(ErrorCode.MODEL_UNAVAILABLE,
          NO_ENGINE + " (" + re.getMessage() + ")");
      case RECIPIENT_FAILURE, ERROR -> decode(re.failureCode(), re.getMessage());
    };
  }

  static ServiceException decode(int status, String text) {
    String body = text == null ? "" : text;
    JsonObject detail = null;
    int sep = body.indexOf(DETAIL_SEPARATOR);
    if (sep >= 0) {
      detail = parseDetail(body.substring(sep + 1));
      body = body.substring(0, sep);
    }
    int colon = body.indexOf(": ");
    ErrorCode code = colon > 0 ? ErrorCode.byName(body.substring(0, colon)) : null;
    if (code == null) {
      ErrorCode byStatus = status >= 400 && status < 600 ? codeFor(status) : ErrorCode.INTERNAL_ERROR;
      return new ServiceException(byStatus, status >= 400 && status < 600 ? status : 500, body, detail, null);
    }
    return new ServiceException(code, status >= 400 && status < 600 ? status : code.status(),
        body.substring(colon + 2), detail, null);
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
