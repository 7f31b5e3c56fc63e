package dev.storyvox.stt;

import com.sun.jna.Pointer;
import dev.storyvox.engine.NativeLibraries;

/**
 * whisper.cpp 1.7.1 as whisper-jni bundles it ({@link WhisperLibrary}): the engine when no newer library is
 * installed. It has no per-segment no-speech probability, so no segment is dropped on it.
 */
final class WhisperJniBinding implements WhisperBinding {

  private static final WhisperJniBinding INSTANCE = new WhisperJniBinding();

  private WhisperJniBinding() {
  }

  /** The binding; its library loads on the first call that needs it. */
  static WhisperJniBinding get() {
    return INSTANCE;
  }

  @Override
  public WhisperCApi api() {
    return WhisperLibrary.api();
  }

  @Override
  public int full(Pointer ctx, WhisperRequest request, int threads, float[] samples) {
    WhisperJniCApi api = WhisperLibrary.api();
    boolean beam = request.beamSize() > 1;
    WhisperCFullParams.ByValue params =
        api.whisper_full_default_params(beam ? WhisperCFullParams.BEAM_SEARCH : WhisperCFullParams.GREEDY);
    if (threads > 0) {
      params.nThreads = threads;
    }
    params.setLanguage(request.language());
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
    return api.whisper_full(ctx, params, samples, samples.length);
  }

  @Override
  public float noSpeechProb(Pointer ctx, int index) {
    return Float.NaN;
  }

  @Override
  public String engine() {
    String dir = System.getProperty(NativeLibraries.WHISPER_LIB_DIR);
    return "whisper.cpp 1.7.1 (whisper-jni, " + (dir == null ? "bundled" : dir) + ")";
  }
}
