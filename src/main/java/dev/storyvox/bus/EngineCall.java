package dev.storyvox.bus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request to an engine that may live on another cluster node. Vert.x keeps waiting for the reply of a
 * node that died until the send timeout, so a request in flight also fails as soon as any member leaves
 * the cluster ({@link Addresses#CLUSTER_MEMBER_LEFT}). Such a failure, a transport error, or an engine that
 * answers UNAVAILABLE because it is stopping is handed back: the request is sent once more, and the bus
 * gives it to another consumer. Other failures come back as they are, as {@link ServiceException}s.
 */
public final class EngineCall {

  private static final Logger LOG = LoggerFactory.getLogger(EngineCall.class);
  /** Time for the cluster to drop the subscriptions of a node that left before the request goes again. */
  private static final long HAND_BACK_DELAY_MS = 500;

  private EngineCall() {
  }

  /** Sends {@code body} to {@code address}, waiting at most {@code timeoutMs} per try; at most two tries. */
  public static <T> Future<T> request(Vertx vertx, String address, Object body, long timeoutMs) {
    return request(vertx, address, body, new DeliveryOptions().setSendTimeout(timeoutMs));
  }

  /** As {@link #request(Vertx, String, Object, long)}, with the options' timeout and headers (request id). */
  public static <T> Future<T> request(Vertx vertx, String address, Object body, DeliveryOptions options) {
    return EngineCall.<T>once(vertx, address, body, options).recover(e -> {
      if (!handedBack(e)) {
        return Future.failedFuture(Failures.toService(e));
      }
      LOG.warn("{}: {}; sending it once more", address, e.getMessage());
      return vertx.timer(HAND_BACK_DELAY_MS)
          .compose(t -> EngineCall.<T>once(vertx, address, body, options))
          .recover(again -> Future.failedFuture(Failures.toService(again)));
    });
  }

  private static <T> Future<T> once(Vertx vertx, String address, Object body, DeliveryOptions options) {
    Promise<T> outcome = Promise.promise();
    MessageConsumer<String> left = vertx.eventBus().localConsumer(Addresses.CLUSTER_MEMBER_LEFT,
        m -> outcome.tryFail(new NodeLeft("a cluster node left while this request was in flight (node " + m.body() + ")")));
    vertx.eventBus().<T>request(address, body, options)
        .map(Message::body)
        .onSuccess(outcome::tryComplete)
        .onFailure(outcome::tryFail);
    return outcome.future().andThen(ar -> left.unregister());
  }

  private static boolean handedBack(Throwable e) {
    if (e instanceof NodeLeft) {
      return true;
    }
    if (e instanceof ReplyException re) {
      return re.failureType() == ReplyFailure.ERROR
          || re.failureType() == ReplyFailure.RECIPIENT_FAILURE
          && Failures.fromReply(re).code() == ErrorCode.UNAVAILABLE;
    }
    return false;
  }

  /** The request's node may be gone: 503 UNAVAILABLE unless the second try succeeds. */
  private static final class NodeLeft extends ServiceException {

    NodeLeft(String message) {
      super(ErrorCode.UNAVAILABLE, message);
    }
  }
}
