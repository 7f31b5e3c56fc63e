package dev.storyvox.story;

/** Asks {@code story.cancel} to cancel a queued or running run. */
public record RunCancel(String runId) {
}
