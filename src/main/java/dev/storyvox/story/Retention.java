package dev.storyvox.story;

import java.util.List;
import java.util.stream.IntStream;

/** Which runs {@code outputs.keep} lets go: final runs beyond the newest {@code keep}; never a live one. */
public final class Retention {

  private Retention() {
  }

  /** The runs of {@code newestFirst} to delete so that {@code keep} remain (live runs always stay). */
  public static List<Run> expired(List<Run> newestFirst, int keep) {
    return IntStream.range(0, newestFirst.size()).filter(i -> i >= keep)
        .mapToObj(newestFirst::get).filter(r -> r.status().isFinal()).toList();
  }
}
