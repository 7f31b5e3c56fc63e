package dev.storyvox.llm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Joins token bytes into text: a byte-level or byte-fallback vocabulary splits one character over several
 * tokens, so bytes wait until they complete a UTF-8 character.
 */
final class Utf8Pieces {

  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  /** Adds a token's bytes; returns the text they complete (possibly empty). */
  String add(byte[] bytes, int length) {
    pending.write(bytes, 0, length);
    byte[] all = pending.toByteArray();
    int complete = completePrefix(all);
    pending.reset();
    pending.write(all, complete, all.length - complete);
    return new String(all, 0, complete, StandardCharsets.UTF_8);
  }

  /** What is left when the text ends (an incomplete character becomes U+FFFD). */
  String flush() {
    String rest = pending.toString(StandardCharsets.UTF_8);
    pending.reset();
    return rest;
  }

  private static int completePrefix(byte[] b) {
    int end = b.length;
    for (int back = 1; back <= Math.min(3, b.length); back++) {
      int lead = b[b.length - back] & 0xFF;
      if (lead >= 0xC0) {
        int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        return need > back ? b.length - back : end;
      }
      if (lead < 0x80) {
        return end;
      }
    }
    return end;
  }
}
