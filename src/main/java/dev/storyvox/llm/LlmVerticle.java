package dev.storyvox.llm;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.EnginesConfig;
import dev.storyvox.config.GpuConfig;
import dev.storyvox.config.LlmConfig;
import dev.storyvox.config.ModelsConfig;
import dev.storyvox.config.RetryPolicyConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LLM context behind {@code llm.generate}: the local llama.cpp engine of its {@link LlmSlot} on a pinned
 * worker, or the OpenAI-compatible server ({@code llm.backend}). Deploy one instance per context; the bus
 * spreads requests across them.
 *
 * <p>Startup never waits for the model: until it is loaded (or when it cannot be), {@code ready.llm} says
 * why and requests fail with 503 MODEL_UNAVAILABLE. A request with {@code stream} publishes each piece of
 * text to {@code llm.tokens.<requestId>}. A request id published to {@code llm.cancel} stops its generation
 * within one token (a queued one never starts) and it answers with finish reason {@code cancelled}. A
 * generation longer than {@code llm.timeoutMs} is stopped and fails with LLM_FAILURE.
 */
public final class LlmVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LlmVerticle.class);

  private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
  private final LlmConfig config;
  private final GpuConfig gpu;
  private final RetryPolicyConfig retry;
  private final LlmSlot slot;
  private final ModelsConfig models;
  private final EnginesConfig engines;
  private LlmBackend backend;

  /**
   * @param retry the {@code retry.llm} policy of the OpenAI-compatible backend
   * @param slot the context this instance owns
   */
  public LlmVerticle(LlmConfig config, GpuConfig gpu, RetryPolicyConfig retry, LlmSlot slot) {
    this(config, gpu, retry, slot, ModelsConfig.none());
  }

  /** As above; a local model file of {@code models} not on disk yet is loaded when it arrives. */
  public LlmVerticle(LlmConfig config, GpuConfig gpu, RetryPolicyConfig retry, LlmSlot slot, ModelsConfig models) {
    this(config, gpu, retry, slot, models, new EnginesConfig(null));
  }

  /** As above; the current llama.cpp engine is taken from {@code engines} when it is installed there. */
  public LlmVerticle(LlmConfig config, GpuConfig gpu, RetryPolicyConfig retry, LlmSlot slot, ModelsConfig models,
                     EnginesConfig engines) {
    this.engines = engines;
    this.models = models;
    this.config = config;
    this.gpu = gpu;
    this.retry = retry;
    this.slot = slot;
  }

  @Override
  public Future<?> start() {
    backend = "openai".equals(config.backend())
        ? new OpenAiChatClient(vertx, config.openai(), config.timeoutMs(), retry)
        : new LocalLlmBackend(vertx, config, gpu, slot, models, engines);
    List<MessageConsumer<?>> consumers = List.of(
        vertx.eventBus().<LlmRequest>consumer(Addresses.LLM_GENERATE, this::generate),
        vertx.eventBus().<String>consumer(Addresses.LLM_CANCEL, m -> cancel(m.body(), Stop.CALLER)),
        vertx.eventBus().<ReadinessQuery>consumer(Addresses.READY + "llm",
            m -> backend.readiness().onSuccess(m::reply)));
    backend.start();
    LOG.info("LLM {} ({} backend) accepting requests", slot.workerName(), config.backend());
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    running.keySet().forEach(id -> cancel(id, Stop.STOPPING));
    return backend == null ? Future.succeededFuture() : backend.close();
  }

  private void generate(Message<LlmRequest> message) {
    LlmRequest request = message.body();
    String id = request.requestId();
    Cancellation cancellation = new Cancellation();
    running.put(id, cancellation);
    long timer = vertx.setTimer(config.timeoutMs(), t -> cancellation.cancel(Stop.TIMEOUT));
    String tokens = Addresses.LLM_TOKENS + id;
    backend.generate(request, piece -> {
      if (request.stream()) {
        vertx.eventBus().publish(tokens, piece);
      }
    }, cancellation::cancelled)
        .compose(reply -> outcome(reply, cancellation))
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          running.remove(id, cancellation);
        })
        .onSuccess(message::reply)
        .onFailure(e -> Failures.fail(message, e));
  }

  private Future<LlmReply> outcome(LlmReply reply, Cancellation cancellation) {
    Stop stop = cancellation.reason();
    if (stop == Stop.TIMEOUT) {
      return Future.failedFuture(new ServiceException(ErrorCode.LLM_FAILURE, Reason.TIMED_OUT,
          "the generation took longer than llm.timeoutMs (" + config.timeoutMs() + " ms)"));
    }
    return stop == Stop.STOPPING
        ? Future.failedFuture(new ServiceException(ErrorCode.UNAVAILABLE, Reason.STOPPING, "the LLM is shutting down"))
        : Future.succeededFuture(reply);
  }

  private void cancel(String requestId, Stop reason) {
    Cancellation cancellation = requestId == null ? null : running.get(requestId);
    if (cancellation != null) {
      cancellation.cancel(reason);
    }
  }

  /** Why a generation was stopped early. */
  private enum Stop {
    /** Published to {@code llm.cancel}: it answers with finish reason {@code cancelled}. */
    CALLER,
    /** It ran past {@code llm.timeoutMs}: LLM_FAILURE (TIMED_OUT). */
    TIMEOUT,
    /** The verticle is stopping: UNAVAILABLE (STOPPING), so the caller hands it to another node. */
    STOPPING
  }

  /** The cancellation flag of one generation, read on the engine's thread, set on the event loop. */
  private static final class Cancellation {

    private volatile Stop reason;

    void cancel(Stop why) {
      if (reason == null) {
        reason = why;
      }
    }

    boolean cancelled() {
      return reason != null;
    }

    Stop reason() {
      return reason;
    }
  }
}
