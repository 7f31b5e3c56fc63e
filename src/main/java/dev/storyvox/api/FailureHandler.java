package dev.storyvox.api;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.ServiceException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler of the server: every failed request, unknown route, oversized body or
 * unexpected exception is answered in its route family's error shape. No stack trace reaches a client;
 * unexpected failures are logged with the request id.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext rc) {
    ServiceException e = toService(rc);
    if (e.status() >= 500 && e.code() == ErrorCode.INTERNAL_ERROR) {
      LOG.error("request {} {} {} failed", RequestIds.of(rc), rc.request().method(), rc.request().path(), rc.failure());
    }
    if (rc.response().headWritten()) {
      rc.response().reset();
      return;
    }
    if (e.code() == ErrorCode.UNAUTHORIZED) {
      rc.response().putHeader("WWW-Authenticate", "x-internal-secret");
    }
    Responses.json(rc, e.status(), ApiFamily.of(rc.request().path()).errorBody(e));
  }

  /** The service error a failed routing context stands for. */
  static ServiceException toService(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof HttpException he && he.getCause() instanceof ValidatorException ve) {
      return ValidationErrors.toService(ve);
    }
    if (failure instanceof ValidatorException ve) {
      return ValidationErrors.toService(ve);
    }
    if (failure instanceof ServiceException || failure instanceof io.vertx.core.eventbus.ReplyException) {
      return Failures.toService(failure);
    }
    if (failure instanceof HttpPostRequestDecoder.TooLongFormFieldException
        || failure instanceof HttpPostRequestDecoder.TooManyFormFieldsException) {
      return new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE, "a form field is larger than this route accepts");
    }
    if (failure instanceof HttpPostRequestDecoder.ErrorDataDecoderException) {
      return new ServiceException(ErrorCode.INVALID_REQUEST, "the form body is malformed");
    }
    int status = failure instanceof HttpException he ? he.getStatusCode() : rc.statusCode();
    return failure == null || failure instanceof HttpException
        ? forStatus(status, rc)
        : Failures.toService(failure);
  }

  private static ServiceException forStatus(int status, RoutingContext rc) {
    String path = rc.request().path();
    return switch (status) {
      case 400 -> new ServiceException(ErrorCode.INVALID_REQUEST, "the request is malformed");
      case 401 -> new ServiceException(ErrorCode.UNAUTHORIZED, "missing or wrong x-internal-secret header");
      case 404 -> new ServiceException(ErrorCode.NOT_FOUND, "no route " + rc.request().method() + " " + path);
      case 405 -> new ServiceException(ErrorCode.METHOD_NOT_ALLOWED,
          rc.request().method() + " is not allowed on " + path);
      case 413 -> new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than this route accepts");
      case 415 -> new ServiceException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "unsupported content type");
      case 501 -> new ServiceException(ErrorCode.NOT_IMPLEMENTED, "not implemented yet");
      default -> new ServiceException(ErrorCode.INTERNAL_ERROR, status >= 400 && status < 600 ? status : 500,
          "internal error", null, null);
    };
  }
}
