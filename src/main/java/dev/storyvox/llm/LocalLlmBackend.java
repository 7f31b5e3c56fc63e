package dev.storyvox.llm;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Readiness;
import dev.storyvox.config.EnginesConfig;
import dev.storyvox.config.GpuConfig;
import dev.storyvox.config.LlmConfig;
import dev.storyvox.config.ModelsConfig;
import dev.storyvox.engine.EngineWorker;
import dev.storyvox.engine.NativeBackend;
import dev.storyvox.engine.PoolSpec;
import dev.storyvox.models.ModelWait;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The llama.cpp engine of one slot on its own pinned {@link EngineWorker}; a model file of the manifest still
 * downloading is loaded when it arrives ({@link ModelWait}).
 */
final class LocalLlmBackend implements LlmBackend {

  private static final Logger LOG = LoggerFactory.getLogger(LocalLlmBackend.class);

  private final LlmConfig config;
  private final GpuConfig gpu;
  private final LlmSlot slot;
  private final EngineWorker<LlmEngine> worker;
  private final EnginesConfig engines;
  private final Vertx vertx;
  private final ModelsConfig models;

  LocalLlmBackend(Vertx vertx, LlmConfig config, GpuConfig gpu, LlmSlot slot, ModelsConfig models,
                  EnginesConfig engines) {
    this.vertx = vertx;
    this.engines = engines;
    this.models = models;
    this.config = config;
    this.gpu = gpu;
    this.slot = slot;
    this.worker = new EngineWorker<>(vertx, PoolSpec.pinned("llm", slot.workerName(), slot.device(), config.queueSize(),
        config.timeoutMs()));
  }

  @Override
  public Future<Void> start() {
    Path model = Path.of(config.model());
    int gpuLayers = gpu.useGpu() ? config.gpuLayers() : 0;
    return ModelWait.whenPresent(vertx, models, Map.of("llm.model", config.model()), worker, () -> worker.load(() -> {
      LlmEngine engine = LlmEngines.load(config, engines, gpu, gpuLayers, slot.device());
      warnIfCpuOnly(engine);
      return engine;
    }, model.toAbsolutePath().normalize().toString()));
  }

  private void warnIfCpuOnly(LlmEngine engine) {
    String warning = NativeBackend.mismatch(gpu.mode(), engine.gpu(), "llama.cpp", "llm.nativeLibraryDir");
    if (warning != null) {
      LOG.warn("{}: {}", slot.workerName(), warning);
    }
    LOG.info("{} runs {}", slot.workerName(), engine.backend());
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
