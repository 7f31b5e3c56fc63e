package dev.storyvox.illustration;

/** Cancels a render job: dropped when queued, interrupted when running. */
public record RenderCancel(String jobId) {
}
