package dev.storyvox.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the speech is, from Silero's per-window probabilities, by the rules of Silero's
 * {@code get_speech_timestamps} (without its maximum span length): a span starts at the first window at or above
 * the threshold and ends where the probability has stayed below the negative threshold for
 * {@link VadOptions#minSilenceMs()}; spans shorter than {@link VadOptions#minSpeechMs()} are dropped; then each
 * span is padded by {@link VadOptions#padMs()} on both sides, two spans closer than twice the padding sharing the
 * silence between them.
 */
public final class SpeechSpans {

  /**
   * One span of speech, in samples of the original audio.
   *
   * @param start the first sample
   * @param end one past the last sample
   */
  public record Span(int start, int end) {

    /** Its length in samples. */
    public int length() {
      return end - start;
    }
  }

  private SpeechSpans() {
  }

  /**
   * The padded speech spans of audio {@code length} samples long whose windows of {@link SileroVad#WINDOW}
   * samples had the speech {@code probabilities}; empty when there is no speech.
   */
  public static List<Span> find(float[] probabilities, int length, VadOptions options) {
    int minSpeech = samples(options.minSpeechMs());
    int minSilence = samples(options.minSilenceMs());
    List<Span> spans = new ArrayList<>();
    boolean triggered = false;
    int start = 0;
    int silentFrom = -1;
    for (int i = 0; i < probabilities.length; i++) {
      int at = i * SileroVad.WINDOW;
      float p = probabilities[i];
      if (p >= options.threshold()) {
        silentFrom = -1;
        if (!triggered) {
          triggered = true;
          start = at;
        }
      } else if (triggered && p < options.negativeThreshold()) {
        if (silentFrom < 0) {
          silentFrom = at;
        }
        if (at - silentFrom >= minSilence) {
          if (silentFrom - start > minSpeech) {
            spans.add(new Span(start, silentFrom));
          }
          triggered = false;
          silentFrom = -1;
        }
      }
    }
    if (triggered && length - start > minSpeech) {
      spans.add(new Span(start, length));
    }
    return pad(spans, length, samples(options.padMs()));
  }

  private static List<Span> pad(List<Span> spans, int length, int pad) {
    int[] starts = spans.stream().mapToInt(Span::start).toArray();
    int[] ends = spans.stream().mapToInt(Span::end).toArray();
    for (int i = 0; i < starts.length; i++) {
      if (i == 0) {
        starts[i] = Math.max(0, starts[i] - pad);
      }
      if (i < starts.length - 1) {
        int silence = starts[i + 1] - ends[i];
        int share = silence < 2 * pad ? silence / 2 : pad;
        ends[i] += share;
        starts[i + 1] = Math.max(0, starts[i + 1] - share);
      } else {
        ends[i] = Math.min(length, ends[i] + pad);
      }
    }
    List<Span> padded = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      padded.add(new Span(starts[i], Math.min(length, ends[i])));
    }
    return padded;
  }

  private static int samples(int ms) {
    return (int) ((long) ms * AudioDecoder.SAMPLE_RATE / 1000);
  }
}
