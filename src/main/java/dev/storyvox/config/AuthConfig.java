package dev.storyvox.config;

/** Shared-secret protection of {@code /api/**} and {@code /v1/**}; {@code null} turns it off. */
public record AuthConfig(String internalSecret) {
  public AuthConfig {
    if (internalSecret != null && internalSecret.isBlank()) {
      internalSecret = null;
    }
  }

  public boolean enabled() {
    return internalSecret != null;
  }
}
