package dev.storyvox.stt;

/**
 * One word of a {@link Transcript}, timed by whisper.cpp's token timestamps.
 *
 * @param word the word without surrounding spaces
 * @param start where it starts, in seconds (never before its segment's start)
 * @param end where it ends, in seconds (never after its segment's end, never before {@code start})
 */
public record TranscriptWord(String word, double start, double end) {
}
