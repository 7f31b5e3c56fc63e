package dev.storyvox.models;

import java.util.function.Consumer;

/**
 * Turns the byte counts of one download into {@link ModelProgress} events: at most four a second, with the
 * rate over the last interval smoothed so the figure does not jump.
 */
final class RateMeter {

  private static final long INTERVAL_NS = 250_000_000L;

  private final String path;
  private final long total;
  private final Consumer<ModelProgress> listener;
  private long lastNs = System.nanoTime();
  private long lastBytes = -1;
  private double rate;

  RateMeter(String path, long total, Consumer<ModelProgress> listener) {
    this.path = path;
    this.total = total;
    this.listener = listener;
  }

  /** Records that {@code received} bytes are on disk; reports when an interval has passed. */
  void bytes(long received) {
    long now = System.nanoTime();
    if (lastBytes < 0) {
      lastBytes = received;
      lastNs = now;
      return;
    }
    if (now - lastNs < INTERVAL_NS) {
      return;
    }
    double instant = (received - lastBytes) * 1e9 / (now - lastNs);
    rate = rate == 0 ? instant : 0.7 * rate + 0.3 * instant;
    lastBytes = received;
    lastNs = now;
    listener.accept(new ModelProgress(path, ModelProgress.DOWNLOADING, received, total, (long) rate, null));
  }
}
