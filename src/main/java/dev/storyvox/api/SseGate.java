package dev.storyvox.api;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Handler;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the event streams open in this process at {@code sse.maxConnections}: one more answers 503
 * UNAVAILABLE. A stream counts from the moment it passes the gate until its response ends or its
 * connection closes. Shared by every HTTP verticle of the process.
 */
final class SseGate implements Handler<RoutingContext>, Shareable {

  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  SseGate(int max) {
    this.max = max;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      rc.fail(new ServiceException(ErrorCode.UNAVAILABLE,
          "the server has " + max + " event streams open; retry shortly or poll the resource instead"));
      return;
    }
    rc.addEndHandler(ar -> open.decrementAndGet());
    rc.next();
  }

  /** Streams open now. */
  int open() {
    return open.get();
  }
}
