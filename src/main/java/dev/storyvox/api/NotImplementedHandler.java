package dev.storyvox.api;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Answers an operation of the contract that has no handler yet with 501 NOT_IMPLEMENTED. */
final class NotImplementedHandler implements Handler<RoutingContext> {

  private final String operationId;

  NotImplementedHandler(String operationId) {
    this.operationId = operationId;
  }

  @Override
  public void handle(RoutingContext rc) {
    rc.fail(new ServiceException(ErrorCode.NOT_IMPLEMENTED, "operation " + operationId + " is not implemented yet"));
  }
}
