package dev.storyvox.engine;

/**
 * Asks every {@link WorkPool} on the bus for its {@link PoolStatus} (published on
 * {@code Addresses.POOL_STATUS}); each pool sends its status to {@code replyTo}.
 */
public record PoolQuery(String replyTo) {
}
