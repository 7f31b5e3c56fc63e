package dev.storyvox.config;

/**
 * IMYME solo feedback: how many submissions are graded at once and may wait (more get 429 BUSY), retention and
 * callback delivery.
 *
 * @param maxConcurrent submissions graded at once; 0 = one per LLM context
 */
public record SoloConfig(int maxConcurrent, int maxQueued, int keep, long callbackTimeoutMs) {
  public SoloConfig {
    Check.range("solo.maxConcurrent", maxConcurrent, 0, 1024);
    Check.range("solo.maxQueued", maxQueued, 0, 1_000_000);
    Check.range("solo.keep", keep, 1, 10_000_000);
    Check.positive("solo.callbackTimeoutMs", callbackTimeoutMs);
  }
}
