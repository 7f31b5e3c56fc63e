package dev.storyvox.stt;

import java.util.Objects;

/**
 * The decoding parameters of one transcription.
 *
 * @param language an ISO 639-1 code such as {@code ko}, or {@code auto} to detect it
 * @param beamSize 1 decodes greedily, more runs a beam search of that width
 * @param temperature the sampling temperature; temperature fallback is always off
 * @param noSpeechThreshold segments whose no-speech probability is above it are dropped (whisper.cpp 1.9;
 *     1.7.1 has no per-segment no-speech probability, so nothing is dropped there); also passed to
 *     whisper.cpp as {@code no_speech_thold}
 * @param prompt text the decoder is primed with (OpenAI's {@code prompt}), or {@code null}
 * @param translate translate to English instead of transcribing
 * @param words compute token timestamps and time every word
 */
public record WhisperRequest(String language, int beamSize, float temperature, float noSpeechThreshold,
                             String prompt, boolean translate, boolean words) {
  /** The language value that asks whisper to detect the language. */
  public static final String AUTO = "auto";

  public WhisperRequest {
    Objects.requireNonNull(language, "language");
    if (beamSize < 1 || beamSize > 16) {
      throw new IllegalArgumentException("beamSize must be 1..16, was " + beamSize);
    }
    if (temperature < 0 || temperature > 1) {
      throw new IllegalArgumentException("temperature must be 0..1, was " + temperature);
    }
  }

  /** A request without word timings. */
  public WhisperRequest(String language, int beamSize, float temperature, float noSpeechThreshold, String prompt,
                        boolean translate) {
    this(language, beamSize, temperature, noSpeechThreshold, prompt, translate, false);
  }

  /** Korean, greedy, temperature 0, no-speech threshold 0.4, no prompt, no translation, no word timings. */
  public static WhisperRequest defaults() {
    return new WhisperRequest("ko", 1, 0f, 0.4f, null, false, false);
  }

  /** This request with another language. */
  public WhisperRequest withLanguage(String newLanguage) {
    return new WhisperRequest(newLanguage, beamSize, temperature, noSpeechThreshold, prompt, translate, words);
  }

  /** This request with another no-speech threshold. */
  public WhisperRequest withNoSpeechThreshold(float newThreshold) {
    return new WhisperRequest(language, beamSize, temperature, newThreshold, prompt, translate, words);
  }

  /** This request with another beam size. */
  public WhisperRequest withBeamSize(int newBeamSize) {
    return new WhisperRequest(language, newBeamSize, temperature, noSpeechThreshold, prompt, translate, words);
  }

  /** This request with another initial prompt. */
  public WhisperRequest withPrompt(String newPrompt) {
    return new WhisperRequest(language, beamSize, temperature, noSpeechThreshold, newPrompt, translate, words);
  }

  /** This request translating to English or not. */
  public WhisperRequest withTranslate(boolean newTranslate) {
    return new WhisperRequest(language, beamSize, temperature, noSpeechThreshold, prompt, newTranslate, words);
  }

  /** This request timing every word or not. */
  public WhisperRequest withWords(boolean newWords) {
    return new WhisperRequest(language, beamSize, temperature, noSpeechThreshold, prompt, translate, newWords);
  }
}
