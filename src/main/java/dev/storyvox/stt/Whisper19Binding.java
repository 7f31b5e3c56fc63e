package dev.storyvox.stt;

import com.sun.jna.Pointer;

/**
 * A whisper.cpp 1.9.x library ({@link Whisper19Library}, e.g. npm {@code @fugood/node-whisper-linux-x64}'s
 * {@code index.node}): its own per-segment no-speech probability is read, and its VAD stays off (Silero runs
 * in Java before the engine).
 */
final class Whisper19Binding implements WhisperBinding {

  private final Whisper19CApi api;
  private final String engine;

  Whisper19Binding(Whisper19CApi api, String engine) {
    this.api = api;
    this.engine = engine;
  }

  @Override
  public WhisperCApi api() {
    return api;
  }

  @Override
  public int full(Pointer ctx, WhisperRequest request, int threads, float[] samples) {
    boolean beam = request.beamSize() > 1;
    Whisper19FullParams.ByValue params =
        api.whisper_full_default_params(beam ? WhisperCFullParams.BEAM_SEARCH : WhisperCFullParams.GREEDY);
    if (threads > 0) {
      params.nThreads = threads;
    }
    params.setLanguage(request.language());
    params.setInitialPrompt(request.prompt());
    params.carryInitialPrompt = 0;
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
    params.vad = 0;
    params.vadModelPath = null;
    return api.whisper_full(ctx, params, samples, samples.length);
  }

  @Override
  public float noSpeechProb(Pointer ctx, int index) {
    return api.whisper_full_get_segment_no_speech_prob(ctx, index);
  }

  @Override
  public String engine() {
    return engine;
  }
}
