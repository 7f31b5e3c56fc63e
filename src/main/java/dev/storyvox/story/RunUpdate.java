package dev.storyvox.story;

/**
 * One {@code event: update} of a run, published on {@code story.events.<runId>} and kept in its log.
 *
 * @param id the per-run sequence number (1, 2, …), sent as the SSE {@code id:}
 * @param data the {@code RunUpdateEvent} JSON
 * @param last whether the run is final with this event (the stream ends after it)
 */
public record RunUpdate(long id, String data, boolean last) {
}
