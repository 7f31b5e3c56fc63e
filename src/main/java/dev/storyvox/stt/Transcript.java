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
 */
public record Transcript(String text, String language, double durationSeconds, List<TranscriptSegment> segments,
                         double confidence) {
  public Transcript {
    segments = List.copyOf(segments);
  }
}
