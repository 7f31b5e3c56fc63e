package dev.storyvox.story;

import java.util.List;

/**
 * The answer of {@code story.get}: a run as the API shows it, its latest update and the logged updates
 * after the id the query gave.
 *
 * @param run the API's {@code Run} JSON
 * @param current the update that stands for the run's state now
 * @param missed the updates after {@code RunQuery.afterEventId}, oldest first (empty when it was -1)
 */
public record RunSnapshot(String run, RunUpdate current, List<RunUpdate> missed) {
}
