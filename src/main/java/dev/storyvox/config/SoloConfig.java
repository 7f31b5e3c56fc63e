package dev.storyvox.config;

/** IMYME solo feedback: retention and callback delivery. */
public record SoloConfig(int keep, long callbackTimeoutMs) {
  public SoloConfig {
    Check.range("solo.keep", keep, 1, 10_000_000);
    Check.positive("solo.callbackTimeoutMs", callbackTimeoutMs);
  }
}
