package dev.storyvox.llm;

import java.util.List;

/**
 * Finds stop strings in streamed text. It holds back a tail that may still become a stop string, so what
 * it releases is exactly the final text, piece by piece, and never a part of a stop string.
 */
final class StopMatcher {

  private final List<String> stops;
  private final StringBuilder pending = new StringBuilder();
  private boolean matched;

  StopMatcher(List<String> stops) {
    this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
  }

  /** Takes the next piece and returns the text that is now safe to release (maybe empty). */
  String accept(String piece) {
    pending.append(piece);
    int cut = firstStop();
    if (cut >= 0) {
      matched = true;
      String released = pending.substring(0, cut);
      pending.setLength(0);
      return released;
    }
    int keep = longestPartialStop();
    String released = pending.substring(0, pending.length() - keep);
    pending.delete(0, pending.length() - keep);
    return released;
  }

  /** Whether a stop string was found; nothing more should be generated. */
  boolean matched() {
    return matched;
  }

  /** The held-back tail, released when the text ends without a stop string. */
  String flush() {
    String rest = pending.toString();
    pending.setLength(0);
    return rest;
  }

  private int firstStop() {
    int first = -1;
    for (String stop : stops) {
      int at = pending.indexOf(stop);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }

  private int longestPartialStop() {
    int keep = 0;
    for (String stop : stops) {
      for (int len = Math.min(stop.length() - 1, pending.length()); len > keep; len--) {
        if (pending.lastIndexOf(stop.substring(0, len)) == pending.length() - len) {
          keep = len;
          break;
        }
      }
    }
    return keep;
  }
}
