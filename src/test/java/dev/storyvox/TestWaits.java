package dev.storyvox;

import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;

/** Bounded waits and heap readings shared by load-style tests and benchmarks (never on an event loop). */
public final class TestWaits {

  private TestWaits() {
  }

  /** Polls {@code condition} every 50 ms until it holds or {@code timeoutMs} pass. */
  public static void until(Vertx vertx, BooleanSupplier condition, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
      vertx.timer(50).await();
    }
  }

  /** Used heap after asking for garbage collection a few times. */
  public static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
