package dev.storyvox.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.metrics.StoryvoxMetrics;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pinned engine host: bounded admission and the gauges of the context it runs. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineWorkerTest {

  private Context context;

  @Test
  void aFullQueueIsRefusedAtOnceWithBusy(Vertx vertx) throws Exception {
    EngineWorker<AutoCloseable> worker = new EngineWorker<>(vertx, "test", "test-busy", 1, 10_000);
    worker.load(() -> () -> { }, "nothing").await(5, TimeUnit.SECONDS);
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> running = onContext(vertx, () -> worker.submit(e -> await(release), ErrorCode.STT_FAILURE));
    Future<Integer> waiting = onContext(vertx, () -> worker.submit(e -> 2, ErrorCode.STT_FAILURE));
    Future<Integer> refused = onContext(vertx, () -> worker.submit(e -> 3, ErrorCode.STT_FAILURE));
    assertEquals(ErrorCode.BUSY, Failures.toService(refused.transform(Future::succeededFuture)
        .await(5, TimeUnit.SECONDS).cause()).code());
    release.countDown();
    assertEquals(1, running.await(5, TimeUnit.SECONDS));
    assertEquals(2, waiting.await(5, TimeUnit.SECONDS));
    worker.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aContextDeployedAgainUnderTheSameNameReportsItselfNotTheOldOne(Vertx vertx) throws Exception {
    EngineWorker<AutoCloseable> first = new EngineWorker<>(vertx, "test", "test-again", 4, 10_000);
    assertNotNull(depthGauge("test-again"));
    first.close().await(5, TimeUnit.SECONDS);
    assertNull(depthGauge("test-again"), "a closed context's gauges are removed");
    EngineWorker<AutoCloseable> second = new EngineWorker<>(vertx, "test", "test-again", 4, 10_000);
    second.load(() -> () -> { }, "nothing").await(5, TimeUnit.SECONDS);
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> job = onContext(vertx, () -> second.submit(e -> await(release), ErrorCode.STT_FAILURE));
    long deadline = System.currentTimeMillis() + 5000;
    while (depthGauge("test-again").value() != 1 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, depthGauge("test-again").value(), "the gauge reads the new context");
    release.countDown();
    job.await(5, TimeUnit.SECONDS);
    second.close().await(5, TimeUnit.SECONDS);
  }

  private static Gauge depthGauge(String worker) {
    return StoryvoxMetrics.registry().find("storyvox_engine_queue_depth").tag("worker", worker).gauge();
  }

  private static int await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Submits on one event-loop context, as the owning verticle does (admission is single-threaded). */
  private <T> Future<T> onContext(Vertx vertx, Supplier<Future<T>> call) {
    if (context == null) {
      context = vertx.getOrCreateContext();
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(promise));
    return promise.future();
  }
}
