package dev.storyvox.config;

/** Log output: plain lines, or one JSON object per line when {@code json} is true. */
public record LoggingConfig(boolean json) {
}
