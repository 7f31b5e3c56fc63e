package dev.storyvox.config;

/**
 * Per-client rate limit on {@code /api/**} and {@code /v1/**}: a token bucket of {@code burst} tokens
 * refilled at {@code requestsPerSecond}; a rate of 0 turns it off.
 */
public record LimitsConfig(double requestsPerSecond, int burst) {
  public LimitsConfig {
    Check.range("limits.requestsPerSecond", requestsPerSecond, 0, 1_000_000);
    Check.range("limits.burst", burst, 1, 1_000_000);
  }

  public boolean enabled() {
    return requestsPerSecond > 0;
  }
}
