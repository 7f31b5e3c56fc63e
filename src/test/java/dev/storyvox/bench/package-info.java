/**
 * Benchmarks run on demand with {@code bin/bench} (skipped by the normal suite): LLM tokens per second,
 * prompt and generation, direct and through the event bus.
 */
package dev.storyvox.bench;
