package dev.storyvox.config;

import java.util.List;

/** Guards on fetching audio from user-supplied URLs. */
public record DownloadConfig(long maxBytes, long timeoutMs, boolean allowPrivateNetworks, List<String> allowedHosts) {
  public DownloadConfig {
    Check.positive("download.maxBytes", maxBytes);
    Check.positive("download.timeoutMs", timeoutMs);
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
  }
}
