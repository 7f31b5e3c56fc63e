package dev.storyvox.stt;

/**
 * One segment of a {@link Transcript}.
 *
 * @param start where it starts, in seconds from the beginning of the audio
 * @param end where it ends, in seconds (never past the end of the audio)
 * @param text its text, as whisper wrote it (usually with a leading space)
 * @param confidence the mean probability whisper gave the segment's text tokens times
 *     {@code 1 − noSpeechProb}, in [0, 1]
 * @param tokens how many text tokens the confidence is the mean of
 * @param noSpeechProb whisper's probability that the segment holds no speech (whisper.cpp 1.9's
 *     {@code whisper_full_get_segment_no_speech_prob}); 0 where the engine has none (whisper.cpp 1.7.1, RunPod)
 */
public record TranscriptSegment(double start, double end, String text, double confidence, int tokens,
                                double noSpeechProb) {

  /** A segment without a no-speech probability (0). */
  public TranscriptSegment(double start, double end, String text, double confidence, int tokens) {
    this(start, end, text, confidence, tokens, 0);
  }
}
