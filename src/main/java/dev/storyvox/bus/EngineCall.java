package dev.storyvox.bus;

import dev.storyvox.config.RetryPolicyConfig;
import dev.storyvox.retry.Retry;
import io.vertx.circuitbreaker.RetryPolicy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * A request to an engine that may live on another cluster node. Vert.x keeps waiting for the reply of a
 * node that died until the send timeout, so a request in flight also fails as soon as any member leaves
 * the cluster ({@link Addresses#CLUSTER_MEMBER_LEFT}). Such a failure (reason NODE_LEFT), a transport error
 * (TRANSPORT), or an engine that answers UNAVAILABLE because it is stopping is handed back: the request is
 * sent once more under the {@link #HAND_BACK} policy ({@link Retry}), and the bus gives it to another
 * consumer. Other failures come back as they are, as {@link ServiceException}s.
 */
public final class EngineCall {

  private static final long HAND_BACK_DELAY_MS = 500;

  /**
   * One more try, {@value #HAND_BACK_DELAY_MS} ms later: time for the cluster to drop the subscriptions of a
   * node that left. It is fixed: it follows the cluster's failure detection, not the engine's settings.
   */
  public static final RetryPolicyConfig HAND_BACK =
      new RetryPolicyConfig(1, HAND_BACK_DELAY_MS, HAND_BACK_DELAY_MS, 86_400_000);

  private EngineCall() {
  }

  /** Sends {@code body} to {@code address}, waiting at most {@code timeoutMs} per try; at most two tries. */
  public static <T> Future<T> request(Vertx vertx, String address, Object body, long timeoutMs) {
    return request(vertx, address, body, new DeliveryOptions().setSendTimeout(timeoutMs));
  }

  /** As {@link #request(Vertx, String, Object, long)}, with the options' timeout and headers (request id). */
  public static <T> Future<T> request(Vertx vertx, String address, Object body, DeliveryOptions options) {
    return new Retry(vertx, address + " (handed back)", HAND_BACK, RetryPolicy.constantDelay(HAND_BACK_DELAY_MS),
        EngineCall::handedBack)
        .run(() -> EngineCall.<T>once(vertx, address, body, options))
        .recover(e -> Future.failedFuture(Failures.toService(e)));
  }

  private static <T> Future<T> once(Vertx vertx, String address, Object body, DeliveryOptions options) {
    Promise<T> outcome = Promise.promise();
    MessageConsumer<String> left = vertx.eventBus().localConsumer(Addresses.CLUSTER_MEMBER_LEFT,
        m -> outcome.tryFail(new ServiceException(ErrorCode.UNAVAILABLE, Reason.NODE_LEFT,
            "a cluster node left while this request was in flight (node " + m.body() + ")")));
    vertx.eventBus().<T>request(address, body, options)
        .map(Message::body)
        .onSuccess(outcome::tryComplete)
        .onFailure(outcome::tryFail);
    return outcome.future().andThen(ar -> left.unregister());
  }

  private static boolean handedBack(ServiceException e) {
    return e.code() == ErrorCode.UNAVAILABLE || e.reason() == Reason.NODE_LEFT || e.reason() == Reason.TRANSPORT;
  }
}
