package dev.storyvox.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.RetryPolicyConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one retry runner: only retryable failures are tried again, within the count and the deadline. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RetryTest {

  private static final ServiceException THROTTLED =
      new ServiceException(ErrorCode.LLM_FAILURE, Reason.THROTTLED, "answered 429");
  private static final ServiceException REJECTED =
      new ServiceException(ErrorCode.LLM_FAILURE, Reason.REMOTE_REJECTED, "answered 401");

  private static Retry throttledOnly(Vertx vertx, RetryPolicyConfig policy) {
    return new Retry(vertx, "test", policy, f -> f.reason() == Reason.THROTTLED);
  }

  @Test
  void aRetryableFailureIsTriedAgainUntilItSucceeds(Vertx vertx) throws Exception {
    AtomicInteger tries = new AtomicInteger();
    String value = throttledOnly(vertx, new RetryPolicyConfig(5, 5, 20, 10_000)).run(() ->
        tries.incrementAndGet() < 3 ? Future.<String>failedFuture(THROTTLED) : Future.succeededFuture("ok"))
        .await(10, TimeUnit.SECONDS);
    assertEquals("ok", value);
    assertEquals(3, tries.get());
  }

  @Test
  void retriesStopAtMaxRetriesWithTheLastFailureAsItCame(Vertx vertx) throws Exception {
    AtomicInteger tries = new AtomicInteger();
    Throwable failure = throttledOnly(vertx, new RetryPolicyConfig(3, 5, 20, 10_000))
        .run(() -> {
          tries.incrementAndGet();
          return Future.failedFuture(THROTTLED);
        })
        .transform(Future::succeededFuture).await(10, TimeUnit.SECONDS).cause();
    assertSame(THROTTLED, failure);
    assertEquals(4, tries.get(), "one try and three retries");
  }

  @Test
  void aFailureNotRetryableEndsTheCallAtOnce(Vertx vertx) throws Exception {
    AtomicInteger tries = new AtomicInteger();
    Throwable failure = throttledOnly(vertx, new RetryPolicyConfig(5, 5, 20, 10_000))
        .run(() -> {
          tries.incrementAndGet();
          return Future.failedFuture(tries.get() == 1 ? THROTTLED : REJECTED);
        })
        .transform(Future::succeededFuture).await(10, TimeUnit.SECONDS).cause();
    assertSame(REJECTED, failure);
    assertEquals(2, tries.get());
  }

  @Test
  void noTryStartsAfterTheDeadline(Vertx vertx) throws Exception {
    AtomicInteger tries = new AtomicInteger();
    long start = System.currentTimeMillis();
    Throwable failure = throttledOnly(vertx, new RetryPolicyConfig(100_000, 20, 50, 400))
        .run(() -> {
          tries.incrementAndGet();
          return Future.failedFuture(THROTTLED);
        })
        .transform(Future::succeededFuture).await(10, TimeUnit.SECONDS).cause();
    long took = System.currentTimeMillis() - start;
    assertSame(THROTTLED, failure);
    assertTrue(took >= 350 && took < 3000, "ended at the 400 ms deadline, took " + took + " ms");
    assertTrue(tries.get() > 2 && tries.get() < 100, "retried within the deadline: " + tries.get());
  }

  @Test
  void aCallersShorterDeadlineWins(Vertx vertx) throws Exception {
    long start = System.currentTimeMillis();
    throttledOnly(vertx, new RetryPolicyConfig(100_000, 20, 50, 60_000))
        .run(() -> Future.failedFuture(THROTTLED), 300)
        .transform(Future::succeededFuture).await(10, TimeUnit.SECONDS);
    long took = System.currentTimeMillis() - start;
    assertTrue(took >= 250 && took < 3000, "ended at the caller's 300 ms, took " + took + " ms");
  }

  @Test
  void aTryThatThrowsFailsLikeOneThatFails(Vertx vertx) throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    Throwable failure = throttledOnly(vertx, new RetryPolicyConfig(3, 5, 20, 10_000))
        .run(() -> {
          throw boom;
        })
        .transform(Future::succeededFuture).await(10, TimeUnit.SECONDS).cause();
    assertSame(boom, failure);
  }
}
