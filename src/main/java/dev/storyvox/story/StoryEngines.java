package dev.storyvox.story;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.Failures;
import dev.storyvox.comfyui.RenderCancel;
import dev.storyvox.comfyui.RenderReply;
import dev.storyvox.comfyui.RenderRequest;
import dev.storyvox.llm.LlmReply;
import dev.storyvox.llm.LlmRequest;
import dev.storyvox.tts.SpeechReply;
import dev.storyvox.tts.SpeechRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * The engines a run uses, reached over the event bus: {@code llm.generate}, {@code comfyui.render} and
 * {@code tts.synthesize}, each with its stage's timeout; failures come back as {@code ServiceException}s.
 */
final class StoryEngines {

  /** Extra time over an engine's own limit, so the engine's clearer timeout message arrives first. */
  private static final long MARGIN_MS = 5_000;

  private final Vertx vertx;
  private final long llmTimeoutMs;
  private final long renderTimeoutMs;
  private final long speechTimeoutMs;

  StoryEngines(Vertx vertx, long llmTimeoutMs, long renderTimeoutMs, long speechTimeoutMs) {
    this.vertx = vertx;
    this.llmTimeoutMs = llmTimeoutMs + MARGIN_MS;
    this.renderTimeoutMs = renderTimeoutMs + MARGIN_MS;
    this.speechTimeoutMs = speechTimeoutMs;
  }

  Future<LlmReply> generate(LlmRequest request) {
    return request(Addresses.LLM_GENERATE, request, llmTimeoutMs);
  }

  Future<RenderReply> render(RenderRequest request) {
    return request(Addresses.COMFYUI_RENDER, request, renderTimeoutMs);
  }

  Future<SpeechReply> speak(SpeechRequest request) {
    return request(Addresses.TTS_SYNTHESIZE, request, speechTimeoutMs);
  }

  /** Stops a generation: the engine answers it early with finish reason {@code cancelled}. */
  void cancelGeneration(String requestId) {
    vertx.eventBus().publish(Addresses.LLM_CANCEL, requestId);
  }

  /** Drops or interrupts a render job. */
  void cancelRender(String jobId) {
    vertx.eventBus().publish(Addresses.COMFYUI_CANCEL, new RenderCancel(jobId));
  }

  private <T> Future<T> request(String address, Object body, long timeoutMs) {
    return vertx.eventBus().<T>request(address, body, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(Message::body)
        .recover(e -> Future.failedFuture(Failures.toService(e)));
  }
}
