package dev.storyvox.config;

/**
 * Stopping on SIGTERM: the HTTP server stops accepting, engines take no new job, and work in hand has
 * {@code graceMs} to finish (or is handed back to another node) before the process exits.
 */
public record ShutdownConfig(long graceMs) {
  public ShutdownConfig {
    Check.range("shutdown.graceMs", graceMs, 0, 3_600_000);
  }
}
