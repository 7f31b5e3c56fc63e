package dev.storyvox.config;

/**
 * Speech-to-text: backend, model, language, the local engine's decoding parameters and the voice-activity
 * detection run before every transcription ({@code vad}: {@code silero} or {@code none}; {@code vadModel} the
 * Silero v5 ONNX file; {@code vadThreshold}, {@code vadMinSpeechMs}, {@code vadMinSilenceMs}, {@code vadPadMs}).
 */
public record SttConfig(String backend, String model, String language, String vadModel, int maxSeconds,
                        int beamSize, double noSpeechThreshold, int threads, String nativeLibraryDir, int queueSize,
                        long timeoutMs, String vad, double vadThreshold, int vadMinSpeechMs, int vadMinSilenceMs,
                        int vadPadMs) {

  /** The Silero VAD model bin/ installs, used when {@code stt.vadModel} is null and no manifest file is for it. */
  public static final String DEFAULT_VAD_MODEL = "models/silero_vad_v5.onnx";

  public SttConfig {
    Check.oneOf("stt.vad", vad, "silero", "none");
    vadModel = Check.blankToNull(vadModel) == null ? DEFAULT_VAD_MODEL : vadModel;
    Check.range("stt.vadThreshold", vadThreshold, 0.01, 0.99);
    Check.range("stt.vadMinSpeechMs", vadMinSpeechMs, 0, 60_000);
    Check.range("stt.vadMinSilenceMs", vadMinSilenceMs, 0, 60_000);
    Check.range("stt.vadPadMs", vadPadMs, 0, 10_000);
    Check.oneOf("stt.backend", backend, "local", "runpod", "auto");
    Check.notBlank("stt.model", model);
    Check.notBlank("stt.language", language);
    Check.range("stt.maxSeconds", maxSeconds, 1, 86_400);
    Check.range("stt.beamSize", beamSize, 1, 16);
    Check.range("stt.noSpeechThreshold", noSpeechThreshold, 0.0, 1.0);
    Check.range("stt.threads", threads, 0, 1024);
    nativeLibraryDir = Check.blankToNull(nativeLibraryDir);
    Check.range("stt.queueSize", queueSize, 0, 100_000);
    Check.positive("stt.timeoutMs", timeoutMs);
  }
}
