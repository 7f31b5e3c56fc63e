package dev.storyvox.stt;

import com.sun.jna.Pointer;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.engine.NativeBackend;
import dev.storyvox.engine.ReportsBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded whisper.cpp model, on whisper.cpp 1.9.x from the engines folder when one is installed and
 * passes its checks, else on whisper-jni 1.7.1's bundled natives ({@link WhisperBindings}).
 *
 * <p>The model and every decode go through whisper.cpp's own C API, bound with JNA, because whisper-jni's
 * Java API hides the per-token probabilities ({@code whisper_full_get_token_p}) the confidences are
 * computed from, the detected language ({@code whisper_full_lang_id}) and the GPU index. On 1.9 a segment
 * whose no-speech probability is above the request's threshold is dropped ({@link WhisperResults}); 1.7.1
 * has no per-segment no-speech probability, so nothing is dropped there. whisper.cpp's own VAD stays off:
 * Silero VAD ({@link VadStage}) has already cut the audio to speech.
 *
 * <p>Not thread-safe: whisper.cpp keeps one decoding state per context, so one thread (the pinned worker
 * verticle that owns the engine) must make every call, {@link #close()} included.
 */
public final class WhisperEngine implements AutoCloseable, ReportsBackend {

  /** The sample rate {@link #transcribe} expects. */
  public static final int SAMPLE_RATE = 16_000;

  private static final Logger LOG = LoggerFactory.getLogger(WhisperEngine.class);

  private final WhisperBinding binding;
  private final WhisperCApi api;
  private final WhisperSettings settings;
  private Pointer ctx;

  private WhisperEngine(WhisperBinding binding, WhisperSettings settings, Pointer ctx) {
    this.binding = binding;
    this.api = binding.api();
    this.settings = settings;
    this.ctx = ctx;
  }

  /**
   * Loads a model on whisper-jni's bundled whisper.cpp 1.7.1.
   *
   * @throws ServiceException {@link ErrorCode#MODEL_UNAVAILABLE} when the file is missing or whisper.cpp
   *     cannot load it, naming the path
   */
  public static WhisperEngine load(WhisperSettings settings) {
    return load(WhisperJniBinding.get(), settings);
  }

  /**
   * Loads a model on the whisper.cpp library {@link WhisperBindings} chooses.
   *
   * @param nativeLibraryDir {@code stt.nativeLibraryDir}, or null
   * @param engineFolders the installed {@code whisper-<variant>} folders, best first
   *     ({@code EnginesConfig.folders("whisper", gpu)})
   * @throws ServiceException as {@link #load(WhisperSettings)}
   */
  public static WhisperEngine load(WhisperSettings settings, String nativeLibraryDir, List<Path> engineFolders) {
    Path model = settings.model().toAbsolutePath();
    if (!Files.isRegularFile(model)) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "whisper model not found: " + model);
    }
    return load(WhisperBindings.choose(nativeLibraryDir, engineFolders), settings);
  }

  private static WhisperEngine load(WhisperBinding binding, WhisperSettings settings) {
    Path model = settings.model().toAbsolutePath();
    if (!Files.isRegularFile(model)) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "whisper model not found: " + model);
    }
    WhisperCApi api = binding.api();
    WhisperCContextParams.ByValue params = api.whisper_context_default_params();
    params.useGpu = (byte) (settings.useGpu() ? 1 : 0);
    params.gpuDevice = settings.device();
    long started = System.nanoTime();
    Pointer ctx = api.whisper_init_from_file_with_params(WhisperCFullParams.cString(model.toString()), params);
    if (ctx == null) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "whisper could not load model " + model);
    }
    LOG.info("whisper model {} loaded on {} in {} ms (device {}, gpu {})", model, binding.engine(),
        (System.nanoTime() - started) / 1_000_000, settings.device(), settings.useGpu());
    return new WhisperEngine(binding, settings, ctx);
  }

  /**
   * Transcribes audio.
   *
   * @param samples 16 kHz mono samples in [-1, 1]; read, never kept. Under 1 s gives no segment
   * @throws ServiceException {@link ErrorCode#INVALID_REQUEST} for no samples (whisper.cpp would decode
   *     the previous call's spectrogram again) or an unknown language, {@link ErrorCode#STT_FAILURE} when
   *     whisper.cpp fails
   */
  public Transcript transcribe(float[] samples, WhisperRequest request) {
    Pointer context = requireOpen();
    if (samples.length == 0) {
      throw new ServiceException(ErrorCode.INVALID_REQUEST, "the audio holds no samples");
    }
    WhisperRequest checked = request.withLanguage(language(request.language()));
    long started = System.nanoTime();
    int status = binding.full(context, checked, settings.threads(), samples);
    if (status != 0) {
      throw new ServiceException(ErrorCode.STT_FAILURE, "whisper_full failed with status " + status);
    }
    double seconds = samples.length / (double) SAMPLE_RATE;
    Transcript transcript = WhisperResults.read(binding, context, request, seconds);
    LOG.debug("transcribed {} s of audio in {} ms: {} segments, language {}", transcript.durationSeconds(),
        (System.nanoTime() - started) / 1_000_000, transcript.segments().size(), transcript.language());
    return transcript;
  }

  /** whisper.cpp's system info line: the SIMD features and backends the library was built with. */
  public String systemInfo() {
    return binding.systemInfo();
  }

  /**
   * The engine and its version, e.g. {@code whisper.cpp 1.9.3-dev (npm @fugood/node-whisper-linux-x64@1.1.3,
   * cpu)} or {@code whisper.cpp 1.7.1 (whisper-jni, bundled)}.
   */
  public String engine() {
    return binding.engine();
  }

  /**
   * {@code GPU (CUDA)} or {@code CPU}, from whisper.cpp's own system info, then the engine and its version
   * ({@code /ready} shows it).
   */
  @Override
  public String backend() {
    return NativeBackend.label(NativeBackend.gpuIn(systemInfo())) + ", " + engine();
  }

  /** The settings this engine was loaded with. */
  public WhisperSettings settings() {
    return settings;
  }

  /** Frees the model; later calls to {@link #transcribe} fail. Idempotent. */
  @Override
  public void close() {
    if (ctx != null) {
      api.whisper_free(ctx);
      ctx = null;
    }
  }

  private String language(String language) {
    if (WhisperRequest.AUTO.equals(language) || api.whisper_lang_id(WhisperCFullParams.cString(language)) >= 0) {
      return language;
    }
    throw new ServiceException(ErrorCode.INVALID_REQUEST, "unknown language: " + language);
  }

  private Pointer requireOpen() {
    if (ctx == null) {
      throw new IllegalStateException("whisper engine is closed");
    }
    return ctx;
  }
}
