package dev.storyvox.config;

/** Server-sent event streams. */
public record SseConfig(long keepaliveMs) {
  public SseConfig {
    Check.range("sse.keepaliveMs", keepaliveMs, 100, 3_600_000);
  }
}
