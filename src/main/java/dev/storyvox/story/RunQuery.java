package dev.storyvox.story;

/**
 * Asks {@code story.get} for a run and, for an event stream that reconnects, the events it missed.
 *
 * @param runId the run
 * @param afterEventId the last event id the client saw, or -1 for none
 */
public record RunQuery(String runId, long afterEventId) {
}
