package dev.storyvox.config;

/**
 * Text-to-speech engine, voice, speaking rate and pitch, the longest one synthesis may take, and its work
 * pool: syntheses run at once ({@code workers}) and waiting ({@code queueSize}) before 429 BUSY.
 */
public record TtsConfig(String engine, String voice, int rate, int pitch, long timeoutMs, int workers, int queueSize) {
  public TtsConfig {
    Check.oneOf("tts.engine", engine, "espeak", "none");
    Check.notBlank("tts.voice", voice);
    Check.range("tts.rate", rate, 80, 500);
    Check.range("tts.pitch", pitch, 0, 99);
    Check.positive("tts.timeoutMs", timeoutMs);
    Check.range("tts.workers", workers, 1, 64);
    Check.range("tts.queueSize", queueSize, 0, 100_000);
  }
}
