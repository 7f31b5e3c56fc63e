package dev.storyvox.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a file, from an HTTP {@code Range} header ({@code bytes=first-last}, {@code bytes=first-}
 * or {@code bytes=-suffix}). A header that is absent, malformed or asks for several ranges is ignored
 * (the whole file is sent); one that starts past the end cannot be satisfied (416).
 *
 * @param first the first byte, or -1 when the range cannot be satisfied
 * @param last the last byte (inclusive)
 */
record ByteRange(long first, long last) {

  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");
  private static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  /** The range {@code header} asks of a file of {@code size} bytes, or null to send the whole file. */
  static ByteRange parse(String header, long size) {
    Matcher m = header == null ? null : SINGLE.matcher(header.strip());
    if (m == null || !m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
      return null;
    }
    if (m.group(1).isEmpty()) {
      long suffix = Long.parseLong(m.group(2));
      return suffix == 0 || size == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - suffix), size - 1);
    }
    long first = Long.parseLong(m.group(1));
    long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
    if (last < first) {
      return null;
    }
    return first >= size ? UNSATISFIABLE : new ByteRange(first, Math.min(last, size - 1));
  }

  boolean satisfiable() {
    return first >= 0;
  }

  long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value for a file of {@code size} bytes. */
  String contentRange(long size) {
    return satisfiable() ? "bytes " + first + "-" + last + "/" + size : "bytes */" + size;
  }
}
