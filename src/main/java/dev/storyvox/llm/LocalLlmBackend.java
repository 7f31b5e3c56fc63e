package dev.storyvox.llm;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Readiness;
import dev.storyvox.config.LlmConfig;
import dev.storyvox.engine.EngineWorker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The llama.cpp engine of one slot on its own pinned {@link EngineWorker}. */
final class LocalLlmBackend implements LlmBackend {

  private final LlmConfig config;
  private final LlmSlot slot;
  private final EngineWorker<LlamaEngine> worker;

  LocalLlmBackend(Vertx vertx, LlmConfig config, LlmSlot slot) {
    this.config = config;
    this.slot = slot;
    this.worker = new EngineWorker<>(vertx, "llm", slot.workerName(), config.queueSize(), config.timeoutMs());
  }

  @Override
  public Future<Void> start() {
    Path model = Path.of(config.model());
    return worker.load(() -> LlamaEngine.load(model, config.contextSize(), config.threads(), config.gpuLayers(),
        slot.device()), model.toAbsolutePath().normalize().toString());
  }

  @Override
  public Future<LlmReply> generate(LlmRequest request, Consumer<String> onToken, BooleanSupplier cancelled) {
    return worker.submit(engine -> cancelled.getAsBoolean()
        ? new LlmReply("", 0, 0, 0, LlmReply.CANCELLED)
        : engine.generate(request, onToken, cancelled), ErrorCode.LLM_FAILURE);
  }

  @Override
  public Future<Readiness> readiness() {
    return Future.succeededFuture(worker.state());
  }

  @Override
  public Future<Void> close() {
    return worker.close();
  }
}
