package dev.storyvox.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * The HTTP request id ({@code X-Request-Id}) carried in event-bus message headers, so an engine's log
 * lines name the request they serve, on whichever node they run.
 */
public final class RequestId {

  /** The message header holding the request id. */
  public static final String HEADER = "x-request-id";

  private RequestId() {
  }

  /** {@code options} with the request id header added (when there is one). */
  public static DeliveryOptions carry(DeliveryOptions options, String requestId) {
    DeliveryOptions copy = new DeliveryOptions(options);
    return requestId == null ? copy : copy.addHeader(HEADER, requestId);
  }

  /** The request id a message carries, or {@code "-"}. */
  public static String of(Message<?> message) {
    String id = message.headers().get(HEADER);
    return id == null ? "-" : id;
  }
}
