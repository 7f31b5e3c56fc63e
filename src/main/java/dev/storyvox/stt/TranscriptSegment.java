package dev.storyvox.stt;

/**
 * One segment of a {@link Transcript}.
 *
 * @param start where it starts, in seconds from the beginning of the audio
 * @param end where it ends, in seconds (never past the end of the audio)
 * @param text its text, as whisper wrote it (usually with a leading space)
 * @param confidence the mean probability whisper gave the segment's text tokens, in [0, 1]
 * @param tokens how many text tokens the confidence is the mean of
 */
public record TranscriptSegment(double start, double end, String text, double confidence, int tokens) {
}
