package dev.storyvox.retry;

import dev.storyvox.bus.Failures;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.RetryPolicyConfig;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.RetryPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outbound kind's retry policy, run by vertx-circuit-breaker: a failed try that {@code retryable} accepts
 * (decided on the {@link ServiceException}'s code and reason, never its text) is tried again after
 * {@link RetryPolicy#exponentialDelayWithJitter}, up to {@code maxRetries} times and never after the deadline;
 * any other failure ends the call at once. The call fails with the last try's failure, as it came.
 *
 * <p>The first retry of a call is logged at INFO, later ones at DEBUG; the caller logs the outcome.
 *
 * <p>Each call gets a breaker of its own that never opens and sets no time limit of its own (each try keeps
 * its caller's), so calls share nothing and nothing needs closing.
 */
public final class Retry {

  private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

  private final Vertx vertx;
  private final String name;
  private final RetryPolicyConfig policy;
  private final Predicate<ServiceException> retryable;
  private final RetryPolicy backoff;

  /**
   * @param name the outbound kind, named in logs ({@code callback}, {@code runpod}, …)
   * @param retryable which failures are worth another try
   */
  public Retry(Vertx vertx, String name, RetryPolicyConfig policy, Predicate<ServiceException> retryable) {
    this(vertx, name, policy, RetryPolicy.exponentialDelayWithJitter(policy.backoffMs(), policy.maxBackoffMs()),
        retryable);
  }

  /** As above with another of the library's delays (e.g. {@link RetryPolicy#constantDelay}); the rest of {@code policy} holds. */
  public Retry(Vertx vertx, String name, RetryPolicyConfig policy, RetryPolicy backoff,
               Predicate<ServiceException> retryable) {
    this.vertx = vertx;
    this.name = name;
    this.policy = policy;
    this.retryable = retryable;
    this.backoff = backoff;
  }

  /** Runs {@code attempt} under the policy, within its {@code deadlineMs}. */
  public <T> Future<T> run(Supplier<Future<T>> attempt) {
    return run(attempt, policy.deadlineMs());
  }

  /** Runs {@code attempt} under the policy, within {@code deadlineMs} or the policy's, whichever is shorter. */
  public <T> Future<T> run(Supplier<Future<T>> attempt, long deadlineMs) {
    long deadline = System.currentTimeMillis() + Math.min(deadlineMs, policy.deadlineMs());
    AtomicReference<Throwable> last = new AtomicReference<>();
    CircuitBreaker breaker = CircuitBreaker.create(name, vertx, new CircuitBreakerOptions()
            .setMaxRetries(policy.maxRetries()).setTimeout(-1).setMaxFailures(Integer.MAX_VALUE)
            .setNotificationAddress(null))
        .retryPolicy((failure, retry) -> delay(failure, retry, deadline));
    return breaker.<Outcome<T>>execute(() -> once(attempt, deadline, last))
        .recover(e -> Future.failedFuture(e instanceof Retryable r ? r.getCause() : e))
        .compose(Outcome::future);
  }

  /** One try: a success or a final failure completes the breaker's operation; a retryable one fails it. */
  private <T> Future<Outcome<T>> once(Supplier<Future<T>> attempt, long deadline, AtomicReference<Throwable> last) {
    if (last.get() != null && System.currentTimeMillis() >= deadline) {
      return Future.succeededFuture(new Outcome<>(null, last.get()));
    }
    Future<T> tried;
    try {
      tried = attempt.get();
    } catch (RuntimeException e) {
      tried = Future.failedFuture(e);
    }
    return tried.map(value -> new Outcome<>(value, null)).recover(e -> {
      last.set(e);
      return retryable.test(Failures.toService(e)) && System.currentTimeMillis() < deadline
          ? Future.failedFuture(new Retryable(e))
          : Future.succeededFuture(new Outcome<>(null, e));
    });
  }

  private long delay(Throwable failure, int retry, long deadline) {
    long wait = Math.max(0, Math.min(backoff.delay(failure, retry), deadline - System.currentTimeMillis()));
    Throwable cause = failure instanceof Retryable r ? r.getCause() : failure;
    if (retry == 1) {
      LOG.info("{}: {}; retrying in {} ms (1/{}, further retries are logged at debug)", name, cause.getMessage(),
          wait, policy.maxRetries());
    } else {
      LOG.debug("{}: {}; retrying in {} ms ({}/{})", name, cause.getMessage(), wait, retry, policy.maxRetries());
    }
    return wait;
  }

  /** How a call ended: its value, or a failure not to try again. */
  private record Outcome<T>(T value, Throwable failure) {
    Future<T> future() {
      return failure == null ? Future.succeededFuture(value) : Future.failedFuture(failure);
    }
  }

  /** A failed try worth another one; the breaker sees it, the caller sees its cause. */
  private static final class Retryable extends RuntimeException {
    Retryable(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
