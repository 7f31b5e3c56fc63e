package dev.storyvox.stt;

import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of one decoded segment, timed by whisper.cpp's token timestamps
 * ({@code whisper_full_get_token_data}'s {@code t0}/{@code t1}, computed when the decode ran with
 * {@code token_timestamps}). A word is the text tokens from one that starts with a space (or the
 * segment's first) up to the next; its bytes are joined before they are decoded, so a character split
 * over tokens stays whole. It starts at its first token's {@code t0} and ends at its last token's
 * {@code t1}, kept inside the segment and in order.
 */
final class WhisperWords {

  private WhisperWords() {
  }

  /** The words of segment {@code index}, whose times and text are {@code segment}'s. */
  static List<TranscriptWord> of(WhisperCApi api, Pointer ctx, int index, int eot, TranscriptSegment segment) {
    List<TranscriptWord> words = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    double start = 0;
    double end = 0;
    double floor = segment.start();
    int n = api.whisper_full_n_tokens(ctx, index);
    for (int t = 0; t < n; t++) {
      WhisperCTokenData.ByValue data = api.whisper_full_get_token_data(ctx, index, t);
      if (data.id >= eot) {
        continue;
      }
      Pointer textPointer = api.whisper_full_get_token_text(ctx, index, t);
      byte[] piece = textPointer.getByteArray(0, (int) textPointer.indexOf(0, (byte) 0));
      boolean startsWord = piece.length > 0 && piece[0] == ' ';
      if (startsWord && bytes.size() > 0) {
        floor = add(words, bytes, start, end, floor, segment);
      }
      if (bytes.size() == 0) {
        start = data.t0 / WhisperResults.TICKS_PER_SECOND;
      }
      bytes.writeBytes(piece);
      end = data.t1 / WhisperResults.TICKS_PER_SECOND;
    }
    add(words, bytes, start, end, floor, segment);
    return words;
  }

  private static double add(List<TranscriptWord> words, ByteArrayOutputStream bytes, double start, double end,
                            double floor, TranscriptSegment segment) {
    String word = bytes.toString(StandardCharsets.UTF_8).strip();
    bytes.reset();
    if (word.isEmpty()) {
      return floor;
    }
    double from = Math.min(Math.max(start, floor), segment.end());
    double to = Math.min(Math.max(end, from), segment.end());
    words.add(new TranscriptWord(word, from, to));
    return to;
  }
}
