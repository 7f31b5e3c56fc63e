package dev.storyvox.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * The speech of a recording joined into one shorter clip for the recogniser, with what is needed to map a time
 * in the clip back to the recording: the {@link SpeechSpans.Span}s in order, each followed by
 * {@link #GAP_SAMPLES} of silence so that words of two spans do not run together.
 *
 * @param samples the joined speech, 16 kHz mono; empty when the recording has no speech
 * @param pieces where each span lies in the clip and in the recording
 * @param originalLength the recording's length in samples
 */
public record SpeechAudio(float[] samples, List<Piece> pieces, int originalLength) {

  /** Silence between two joined spans: 100 ms. */
  public static final int GAP_SAMPLES = AudioDecoder.SAMPLE_RATE / 10;

  /**
   * One span in both timelines.
   *
   * @param clipStart its first sample in the joined clip
   * @param originalStart its first sample in the recording
   * @param length its length in samples
   */
  public record Piece(int clipStart, int originalStart, int length) {
  }

  public SpeechAudio {
    pieces = List.copyOf(pieces);
  }

  /** The whole recording as it is (no VAD): one piece, the same samples. */
  public static SpeechAudio whole(float[] samples) {
    return new SpeechAudio(samples, List.of(new Piece(0, 0, samples.length)), samples.length);
  }

  /** The {@code spans} of {@code samples} joined, a gap of silence after each but the last. */
  public static SpeechAudio join(float[] samples, List<SpeechSpans.Span> spans) {
    int total = 0;
    for (SpeechSpans.Span span : spans) {
      total += span.length();
    }
    total += Math.max(0, spans.size() - 1) * GAP_SAMPLES;
    float[] clip = new float[total];
    List<Piece> pieces = new ArrayList<>();
    int at = 0;
    for (SpeechSpans.Span span : spans) {
      System.arraycopy(samples, span.start(), clip, at, span.length());
      pieces.add(new Piece(at, span.start(), span.length()));
      at += span.length() + GAP_SAMPLES;
    }
    return new SpeechAudio(clip, pieces, samples.length);
  }

  /** Whether no speech was found: nothing to transcribe. */
  public boolean silent() {
    return samples.length == 0;
  }

  /** The recording's length in seconds. */
  public double originalSeconds() {
    return originalLength / (double) AudioDecoder.SAMPLE_RATE;
  }

  /**
   * The time in the recording of {@code seconds} into the clip. A time in the gap after a span maps to that
   * span's end when it {@code ends} something (a segment, a word), else to the next span's start.
   */
  public double toOriginal(double seconds, boolean ends) {
    double sample = seconds * AudioDecoder.SAMPLE_RATE;
    for (int i = 0; i < pieces.size(); i++) {
      Piece piece = pieces.get(i);
      double offset = sample - piece.clipStart();
      boolean last = i == pieces.size() - 1;
      if (offset <= piece.length() || last) {
        double within = Math.max(0, Math.min(offset, piece.length()));
        return (piece.originalStart() + within) / AudioDecoder.SAMPLE_RATE;
      }
      if (sample < pieces.get(i + 1).clipStart()) {
        int original = ends ? piece.originalStart() + piece.length() : pieces.get(i + 1).originalStart();
        return original / (double) AudioDecoder.SAMPLE_RATE;
      }
    }
    return seconds;
  }
}
