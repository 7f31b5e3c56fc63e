package dev.storyvox.config;

/**
 * How one kind of outbound call is tried again ({@code retry.<kind>} or {@code runpod.retries}): up to
 * {@code maxRetries} more tries after a retryable failure, each after an exponential delay with full jitter
 * (a random wait below {@code backoffMs × 2^n}, never above {@code maxBackoffMs}), and none once
 * {@code deadlineMs} have passed since the first try.
 *
 * @param maxRetries further tries after the first; 0 tries once
 * @param backoffMs the base delay, doubled for each retry
 * @param maxBackoffMs the longest delay between two tries
 * @param deadlineMs no try starts later than this after the first one
 */
public record RetryPolicyConfig(int maxRetries, long backoffMs, long maxBackoffMs, long deadlineMs) {

  /** Checks the values, naming {@code key} (e.g. {@code retry.callback}) in the error. */
  RetryPolicyConfig validate(String key) {
    Check.range(key + ".maxRetries", maxRetries, 0, 100_000);
    Check.range(key + ".backoffMs", backoffMs, 1, 3_600_000);
    Check.range(key + ".maxBackoffMs", maxBackoffMs, backoffMs, 3_600_000);
    Check.range(key + ".deadlineMs", deadlineMs, 1, 86_400_000);
    return this;
  }
}
