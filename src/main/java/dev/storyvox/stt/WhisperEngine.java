package dev.storyvox.stt;

import com.sun.jna.Pointer;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.engine.NativeBackend;
import dev.storyvox.engine.ReportsBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded whisper.cpp model, through whisper-jni 1.7.1's bundled natives.
 *
 * <p>whisper-jni loads the native library (once per JVM) and routes its log to SLF4J; the model and
 * every decode go through whisper.cpp's own C API, bound with JNA to that same library, because
 * whisper-jni's Java API hides the per-token probabilities ({@code whisper_full_get_token_p}) the
 * confidences are computed from, the detected language ({@code whisper_full_lang_id}) and the GPU index.
 *
 * <p>Limits of whisper.cpp 1.7.1: it has no VAD, so a {@link WhisperSettings#vadModel()} is ignored with
 * one warning at load and all audio is decoded; it reads but does not act on {@code no_speech_thold}.
 *
 * <p>Not thread-safe: whisper.cpp keeps one decoding state per context, so one thread (the pinned worker
 * verticle that owns the engine) must make every call, {@link #close()} included.
 */
public final class WhisperEngine implements AutoCloseable, ReportsBackend {

  /** The sample rate {@link #transcribe} expects. */
  public static final int SAMPLE_RATE = 16_000;

  private static final Logger LOG = LoggerFactory.getLogger(WhisperEngine.class);

  private final WhisperCApi api;
  private final WhisperSettings settings;
  private Pointer ctx;

  private WhisperEngine(WhisperCApi api, WhisperSettings settings, Pointer ctx) {
    this.api = api;
    this.settings = settings;
    this.ctx = ctx;
  }

  /**
   * Loads a model.
   *
   * @throws ServiceException {@link ErrorCode#MODEL_UNAVAILABLE} when the file is missing or whisper.cpp
   *     cannot load it, naming the path
   */
  public static WhisperEngine load(WhisperSettings settings) {
    Path model = settings.model().toAbsolutePath();
    if (!Files.isRegularFile(model)) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "whisper model not found: " + model);
    }
    WhisperCApi api = WhisperLibrary.api();
    WhisperCContextParams.ByValue params = api.whisper_context_default_params();
    params.useGpu = (byte) (settings.useGpu() ? 1 : 0);
    params.gpuDevice = settings.device();
    long started = System.nanoTime();
    Pointer ctx = api.whisper_init_from_file_with_params(WhisperCFullParams.cString(model.toString()), params);
    if (ctx == null) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "whisper could not load model " + model);
    }
    LOG.info("whisper model {} loaded in {} ms (device {}, gpu {})", model, (System.nanoTime() - started) / 1_000_000,
        settings.device(), settings.useGpu());
    if (settings.vadModel() != null) {
      LOG.warn("VAD model {} ignored: whisper.cpp 1.7.1 has no VAD (it came in 1.7.6); all audio is decoded",
          settings.vadModel());
    }
    return new WhisperEngine(api, settings, ctx);
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
    WhisperCFullParams.ByValue params = params(request);
    long started = System.nanoTime();
    int status = api.whisper_full(context, params, samples, samples.length);
    if (status != 0) {
      throw new ServiceException(ErrorCode.STT_FAILURE, "whisper_full failed with status " + status);
    }
    double seconds = samples.length / (double) SAMPLE_RATE;
    Transcript transcript = WhisperResults.read(api, context, request, seconds);
    LOG.debug("transcribed {} s of audio in {} ms: {} segments, language {}", transcript.durationSeconds(),
        (System.nanoTime() - started) / 1_000_000, transcript.segments().size(), transcript.language());
    return transcript;
  }

  /** whisper.cpp's system info line: the SIMD features and backends the library was built with. */
  public String systemInfo() {
    return WhisperLibrary.systemInfo();
  }

  /** {@code GPU (CUDA)} or {@code CPU}, from whisper.cpp's own system info. */
  @Override
  public String backend() {
    return NativeBackend.label(NativeBackend.gpuIn(systemInfo()));
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

  private WhisperCFullParams.ByValue params(WhisperRequest request) {
    boolean beam = request.beamSize() > 1;
    WhisperCFullParams.ByValue params =
        api.whisper_full_default_params(beam ? WhisperCFullParams.BEAM_SEARCH : WhisperCFullParams.GREEDY);
    if (settings.threads() > 0) {
      params.nThreads = settings.threads();
    }
    params.setLanguage(language(request.language()));
    params.setInitialPrompt(request.prompt());
    params.translate = (byte) (request.translate() ? 1 : 0);
    params.noContext = 1;
    params.noTimestamps = 0;
    params.tokenTimestamps = (byte) (request.words() ? 1 : 0);
    params.printProgress = 0;
    params.printTimestamps = 0;
    params.temperature = request.temperature();
    params.temperatureInc = 0;
    params.noSpeechThold = request.noSpeechThreshold();
    params.greedyBestOf = 1;
    params.beamSearchBeamSize = beam ? request.beamSize() : -1;
    return params;
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
