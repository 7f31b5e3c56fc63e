package dev.storyvox.stt;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.RequestId;
import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * The caller's side of {@code Addresses.STT_TRANSCRIBE}. A request may take as long as a download plus a
 * transcription ({@code download.timeoutMs + stt.timeoutMs}) before it fails with 504 TIMEOUT.
 */
public final class SttClient {

  private final Vertx vertx;
  private final DeliveryOptions delivery;

  public SttClient(Vertx vertx, StoryvoxConfig config) {
    this.vertx = vertx;
    this.delivery = new DeliveryOptions().setSendTimeout(config.download().timeoutMs() + config.stt().timeoutMs());
  }

  /**
   * Transcribes for the HTTP request {@code requestId} (carried to the engines' logs); fails with the
   * {@code ReplyException} of the service's error, see {@code Failures}.
   */
  public Future<Transcript> transcribe(SttRequest request, String requestId) {
    return vertx.eventBus().<Transcript>request(Addresses.STT_TRANSCRIBE, request,
        RequestId.carry(delivery, requestId)).map(Message::body);
  }
}
