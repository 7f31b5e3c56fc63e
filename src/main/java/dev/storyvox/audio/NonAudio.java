package dev.storyvox.audio;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Names common non-audio payloads, so that a rejected upload says what it looked like. */
final class NonAudio {

  private NonAudio() {
  }

  /** A short name such as {@code "png"}, {@code "html"} or {@code "empty"}, else {@code "unknown"}. */
  static String describe(byte[] data) {
    if (data.length == 0) {
      return "empty";
    }
    if (AudioSniffer.ascii(data, 1, "PNG")) {
      return "png";
    }
    if (data.length > 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
      return "jpeg";
    }
    if (AudioSniffer.ascii(data, 0, "GIF8")) {
      return "gif";
    }
    if (AudioSniffer.ascii(data, 0, "%PDF")) {
      return "pdf";
    }
    if (AudioSniffer.ascii(data, 0, "PK")) {
      return "zip";
    }
    if (AudioSniffer.ascii(data, 0, "RIFF")) {
      return "riff (not wave)";
    }
    String head = new String(data, 0, Math.min(data.length, 64), StandardCharsets.ISO_8859_1)
        .stripLeading().toLowerCase(Locale.ROOT);
    if (head.startsWith("<!doctype html") || head.startsWith("<html")) {
      return "html";
    }
    if (head.startsWith("{") || head.startsWith("[")) {
      return "json";
    }
    return "unknown";
  }
}
