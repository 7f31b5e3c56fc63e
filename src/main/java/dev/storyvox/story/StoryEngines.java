package dev.storyvox.story;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.EngineCall;
import dev.storyvox.bus.Reason;
import dev.storyvox.config.RetryConfig;
import dev.storyvox.illustration.RenderCancel;
import dev.storyvox.illustration.RenderReply;
import dev.storyvox.illustration.RenderRequest;
import dev.storyvox.llm.LlmReply;
import dev.storyvox.llm.LlmRequest;
import dev.storyvox.retry.Retry;
import dev.storyvox.tts.SpeechReply;
import dev.storyvox.tts.SpeechRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The engines a run uses, reached over the event bus: {@code llm.generate}, {@code comfyui.render} and
 * {@code tts.synthesize}, each with its stage's timeout; failures come back as {@code ServiceException}s.
 * An address nobody serves (reason NO_ENGINE) is asked again under the {@code retry.engine} policy, so an
 * engine that is restarting (or a process that is shutting down, whose run then stays RUNNING and resumes)
 * does not fail the run; an engine whose model is still loading (reason MODEL_LOADING) is asked again under
 * the {@code retry.loading} policy, never past the stage's timeout. A step whose engine node leaves the
 * cluster or stops is sent once more to another node ({@link EngineCall}).
 */
final class StoryEngines {

  /** Extra time over an engine's own limit, so the engine's clearer timeout message arrives first. */
  private static final long MARGIN_MS = 5_000;

  private final Vertx vertx;
  private final long llmTimeoutMs;
  private final long renderTimeoutMs;
  private final long speechTimeoutMs;
  private final Retry noEngine;
  private final Retry loading;


  /**
   * Engines with each stage's timeout, asked again under {@code retry}'s engine and loading policies. A render's
   * limit is the longest it may wait and run: ComfyUI's renderer times each image from when the ones queued before
   * it have ended, so the bound covers every image the node's runs can have queued.
   */
  StoryEngines(Vertx vertx, long llmTimeoutMs, long renderTimeoutMs, long speechTimeoutMs, RetryConfig retry) {
    this.vertx = vertx;
    this.noEngine = new Retry(vertx, "engine", retry.engine(), failure -> failure.reason() == Reason.NO_ENGINE);
    this.loading = new Retry(vertx, "engine loading", retry.loading(),
        failure -> failure.reason() == Reason.MODEL_LOADING);
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
    return loading.run(() -> noEngine.run(() -> EngineCall.<T>request(vertx, address, body, timeoutMs)), timeoutMs);
  }
}
