package dev.storyvox.illustration;

/** Sampler progress of one render job, forwarded from ComfyUI's {@code progress} messages. */
public record RenderProgress(String jobId, int step, int total) {
}
