package dev.storyvox.stt;

import java.util.List;

/**
 * What the engine heard in one piece of audio.
 *
 * @param text the segments' text joined and trimmed
 * @param language the language decoded: the requested one, or the detected one for {@code auto}
 * @param durationSeconds the length of the audio, in seconds
 * @param segments the segments in order
 * @param confidence the mean probability over all text tokens of all segments (so each segment weighs
 *     by its token count); 0 when there is no segment
 * @param words the words in order with their times, when the decode was asked for them; else empty
 */
public record Transcript(String text, String language, double durationSeconds, List<TranscriptSegment> segments,
                         double confidence, List<TranscriptWord> words) {
  public Transcript {
    segments = List.copyOf(segments);
    words = words == null ? List.of() : List.copyOf(words);
  }

  /** A transcript without word timings. */
  public Transcript(String text, String language, double durationSeconds, List<TranscriptSegment> segments,
                    double confidence) {
    this(text, language, durationSeconds, segments, confidence, List.of());
  }
}
