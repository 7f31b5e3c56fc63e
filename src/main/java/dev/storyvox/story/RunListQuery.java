package dev.storyvox.story;

/** Asks {@code story.list} for up to {@code limit} runs older than {@code before} (null: the newest). */
public record RunListQuery(int limit, String before) {
}
