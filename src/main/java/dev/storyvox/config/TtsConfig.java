package dev.storyvox.config;

/** Text-to-speech engine, voice, speaking rate and pitch, and the longest one synthesis may take. */
public record TtsConfig(String engine, String voice, int rate, int pitch, long timeoutMs) {
  public TtsConfig {
    Check.oneOf("tts.engine", engine, "espeak", "none");
    Check.notBlank("tts.voice", voice);
    Check.range("tts.rate", rate, 80, 500);
    Check.range("tts.pitch", pitch, 0, 99);
    Check.positive("tts.timeoutMs", timeoutMs);
  }
}
