package dev.storyvox.audio;

/**
 * How {@link SpeechSpans} turns Silero's per-window speech probabilities into speech spans, as Silero's own
 * {@code get_speech_timestamps} and faster-whisper's {@code VadOptions} do.
 *
 * @param threshold a window at or above this probability is speech; speech ends only below
 *     {@code threshold - 0.15} (hysteresis, Silero's {@code neg_threshold})
 * @param minSpeechMs a span shorter than this is dropped (a click, a cough)
 * @param minSilenceMs silence must last this long to end a span; shorter pauses stay inside it
 * @param padMs added before and after each span (halved between two spans closer than twice this)
 */
public record VadOptions(double threshold, int minSpeechMs, int minSilenceMs, int padMs) {

  public VadOptions {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("VAD threshold must be in (0, 1), got " + threshold);
    }
    if (minSpeechMs < 0 || minSilenceMs < 0 || padMs < 0) {
      throw new IllegalArgumentException("VAD durations must not be negative");
    }
  }

  /** The probability below which a speech span ends. */
  public double negativeThreshold() {
    return Math.max(threshold - 0.15, 0.01);
  }
}
