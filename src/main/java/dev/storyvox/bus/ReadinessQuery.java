package dev.storyvox.bus;

/** Asks the owner of a capability for its {@link Readiness}. */
public record ReadinessQuery(String capability) {
}
