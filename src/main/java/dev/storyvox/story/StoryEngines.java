package dev.storyvox.story;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.EngineCall;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.illustration.RenderCancel;
import dev.storyvox.illustration.RenderReply;
import dev.storyvox.illustration.RenderRequest;
import dev.storyvox.engine.EngineWorker;
import dev.storyvox.llm.LlmReply;
import dev.storyvox.llm.LlmRequest;
import dev.storyvox.tts.SpeechReply;
import dev.storyvox.tts.SpeechRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The engines a run uses, reached over the event bus: {@code llm.generate}, {@code comfyui.render} and
 * {@code tts.synthesize}, each with its stage's timeout; failures come back as {@code ServiceException}s.
 * An address nobody serves is asked again for a few seconds, so an engine that is restarting (or a
 * process that is shutting down, whose run then stays RUNNING and resumes) does not fail the run; an
 * engine whose model is still loading is asked again until the stage's timeout. A step whose engine node
 * leaves the cluster or stops is sent once more to another node ({@link EngineCall}).
 */
final class StoryEngines {

  /** Extra time over an engine's own limit, so the engine's clearer timeout message arrives first. */
  private static final long MARGIN_MS = 5_000;
  private static final int NO_ENGINE_ATTEMPTS = 4;
  private static final long NO_ENGINE_RETRY_MS = 1_000;

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
    return request(address, body, timeoutMs, 1, System.currentTimeMillis() + timeoutMs);
  }

  /** Asks again, a little later, while no engine serves the address or its model is still loading. */
  private <T> Future<T> request(String address, Object body, long timeoutMs, int attempt, long deadline) {
    return EngineCall.<T>request(vertx, address, body, timeoutMs)
        .recover(e -> {
          boolean noEngine = e instanceof ServiceException se && se.code() == ErrorCode.MODEL_UNAVAILABLE
              && se.getMessage().startsWith(Failures.NO_ENGINE);
          boolean again = noEngine ? attempt < NO_ENGINE_ATTEMPTS
              : EngineWorker.isLoading(e) && System.currentTimeMillis() + NO_ENGINE_RETRY_MS < deadline;
          return again
              ? vertx.timer(NO_ENGINE_RETRY_MS).compose(t -> request(address, body, timeoutMs, attempt + 1, deadline))
              : Future.failedFuture(e);
        });
  }
}
