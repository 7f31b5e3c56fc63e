package dev.storyvox.solo;

/** Asks {@code solo.get} for one submission. */
public record SoloQuery(long attemptId) {
}
