package dev.storyvox.config;

/** Server-sent event streams: keepalive period and how many may be open at once. */
public record SseConfig(long keepaliveMs, int maxConnections) {
  public SseConfig {
    Check.range("sse.keepaliveMs", keepaliveMs, 100, 3_600_000);
    Check.range("sse.maxConnections", maxConnections, 1, 1_000_000);
  }
}
