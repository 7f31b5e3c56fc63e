package dev.storyvox.stt;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.RequestId;
import dev.storyvox.config.EnginesConfig;
import dev.storyvox.config.GpuConfig;
import dev.storyvox.config.ModelsConfig;
import dev.storyvox.config.SttConfig;
import dev.storyvox.engine.EngineWorker;
import dev.storyvox.engine.NativeBackend;
import dev.storyvox.engine.PoolSpec;
import dev.storyvox.models.ModelWait;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One whisper.cpp context on its own pinned thread ({@code gpu<d>-whisper-<i>}), serving
 * {@link WhisperJob}s on {@code Addresses.WHISPER_TRANSCRIBE} with a {@link Transcript} and its
 * {@link Readiness} on {@code Addresses.WHISPER_STATUS}. Deployment never fails on a missing or broken
 * model: the context reports UNAVAILABLE with the reason and answers jobs with 503 MODEL_UNAVAILABLE. A
 * model file of the {@code models} manifest that is not on disk yet is loaded when it arrives
 * ({@link ModelWait}); until then the context reports the download's progress.
 * More than {@code stt.queueSize} waiting jobs are refused with 429 BUSY. The engine runs on whisper.cpp 1.9
 * from the engines folder when installed, else on the bundled 1.7.1 ({@link WhisperEngine}); the startup log
 * and {@code /ready} name the one in use.
 */
public final class WhisperVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(WhisperVerticle.class);

  private final SttConfig config;
  private final GpuConfig gpu;
  private final int device;
  private final int index;
  private final ModelsConfig models;
  private final EnginesConfig engines;
  private EngineWorker<WhisperEngine> worker;
  private MessageConsumer<WhisperJob> jobs;

  /**
   * @param config the {@code stt} section
   * @param device the GPU index ({@code gpu.devices[i]})
   * @param index this context's number on the device, below {@code gpu.whisperPerDevice}
   */
  public WhisperVerticle(SttConfig config, GpuConfig gpu, int device, int index) {
    this(config, gpu, device, index, ModelsConfig.none());
  }

  /** As above; files of {@code models} not on disk yet are loaded when they arrive. */
  public WhisperVerticle(SttConfig config, GpuConfig gpu, int device, int index, ModelsConfig models) {
    this(config, gpu, device, index, models, new EnginesConfig(null));
  }

  /** As above, with the engines folder ({@code engines.dir}) the whisper.cpp 1.9 library is looked for in. */
  public WhisperVerticle(SttConfig config, GpuConfig gpu, int device, int index, ModelsConfig models,
                         EnginesConfig engines) {
    this.models = models;
    this.engines = engines;
    this.config = config;
    this.gpu = gpu;
    this.device = device;
    this.index = index;
  }

  /** Registers the consumers and loads the model; completes when the load has succeeded or failed. */
  @Override
  public Future<?> start() {
    String name = "gpu" + device + "-whisper-" + index;
    worker = new EngineWorker<>(vertx, PoolSpec.pinned("stt", name, device, config.queueSize(), config.timeoutMs()));
    WhisperSettings settings = new WhisperSettings(Path.of(config.model()), device, gpu.useGpu(),
        config.threads());
    jobs = vertx.eventBus().consumer(Addresses.WHISPER_TRANSCRIBE, this::transcribe);
    Future<Void> consumers = Future.all(jobs.completion(),
        vertx.eventBus().consumer(Addresses.WHISPER_STATUS, message -> message.reply(worker.state())).completion())
        .mapEmpty();
    Map<String, String> files = new HashMap<>();
    files.put("stt.model", config.model());
    return consumers.compose(v -> ModelWait.whenPresent(vertx, models, files, worker,
        () -> worker.load(() -> load(name, settings), "whisper model " + settings.model())));
  }

  /** Takes no new job (in a cluster, others get them), finishes the jobs in hand, then frees the model. */
  @Override
  public Future<?> stop() {
    return jobs.unregister().eventually(worker::close);
  }

  private WhisperEngine load(String name, WhisperSettings settings) {
    WhisperEngine engine = WhisperEngine.load(settings, config.nativeLibraryDir(), engines.folders("whisper", gpu));
    String gpuBackend = NativeBackend.gpuIn(engine.systemInfo());
    String warning = NativeBackend.mismatch(gpu.mode(), gpuBackend, "whisper.cpp", "stt.nativeLibraryDir");
    if (warning != null) {
      LOG.warn("{}: {}", name, warning);
    }
    LOG.info("{} runs {} on {}: {}", name, engine.engine(), NativeBackend.label(gpuBackend), engine.systemInfo());
    return engine;
  }

  private void transcribe(Message<WhisperJob> message) {
    WhisperJob job = message.body();
    LOG.info("{} takes a job of {} samples for request {}", worker.name(), job.samples().length, RequestId.of(message));
    long start = System.nanoTime();
    worker.submit(engine -> engine.transcribe(job.samples(), job.request()), ErrorCode.STT_FAILURE)
        .onSuccess(t -> LOG.info("{} transcribed {} s of audio in {} ms for request {}", worker.name(),
            String.format("%.1f", t.durationSeconds()), (System.nanoTime() - start) / 1_000_000, RequestId.of(message)))
        .onSuccess(message::reply)
        .onFailure(e -> Failures.fail(message, e));
  }
}
