/**
 * Retries from one library: {@link dev.storyvox.retry.Retry} runs an outbound call under a vertx-circuit-breaker
 * retry policy (exponential backoff with jitter, a retry count and a deadline from configuration), retrying
 * only the failures its caller names by code or reason.
 */
package dev.storyvox.retry;
