package dev.storyvox.config;

/** Speech-to-text: backend, model, language and the local engine's decoding parameters. */
public record SttConfig(String backend, String model, String language, String vadModel, int maxSeconds,
                        int beamSize, double noSpeechThreshold, int threads, String nativeLibraryDir, int queueSize,
                        long timeoutMs) {
  public SttConfig {
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
