package dev.storyvox.jobs;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/** Which jobs a {@code keep} setting lets go: final jobs beyond the newest {@code keep}; never a live one. */
public final class Retention {

  private Retention() {
  }

  /** The jobs of {@code newestFirst} to delete so that {@code keep} remain (live jobs always stay). */
  public static <T> List<T> expired(List<T> newestFirst, int keep, Predicate<T> isFinal) {
    return IntStream.range(0, newestFirst.size()).filter(i -> i >= keep)
        .mapToObj(newestFirst::get).filter(isFinal).toList();
  }
}
