package dev.storyvox.config;

import java.net.URI;
import java.util.Arrays;

/** Validation helpers for config records: each failure names the key and the expected form. */
final class Check {

  private Check() {
  }

  static void range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + ": expected an integer from " + min + " to " + max + ", got " + value);
    }
  }

  static void range(String key, double value, double min, double max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + ": expected a number from " + min + " to " + max + ", got " + value);
    }
  }

  static void positive(String key, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + ": expected a positive integer, got " + value);
    }
  }

  static void notBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + ": expected a non-empty string");
    }
  }

  static void oneOf(String key, String value, String... allowed) {
    if (value == null || !Arrays.asList(allowed).contains(value)) {
      throw new IllegalArgumentException(key + ": expected one of " + String.join("|", allowed) + ", got " + value);
    }
  }

  static void url(String key, String value) {
    notBlank(key, value);
    try {
      URI uri = new URI(value);
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException(key + ": expected an http(s) URL with a host, got " + value);
      }
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(key + ": expected an http(s) URL, got " + value);
    }
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
