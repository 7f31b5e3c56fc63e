package dev.storyvox.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.metrics.StoryvoxMetrics;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one work pool: N threads, a bounded queue, counts and readiness seen by the registry, the bus and the gauges. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkPoolTest {

  @Test
  void threadsRunQueueSizeWaitsAndOneMoreIsBusy(Vertx vertx) throws Exception {
    WorkPool<String> pool = new WorkPool<>(vertx, new PoolSpec("test", "test-two", null, 2, 1, 10_000));
    pool.open(() -> "resource", r -> Readiness.ready("open"), "a string").await(5, TimeUnit.SECONDS);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<String>> admitted = List.of(held(pool, release), held(pool, release), held(pool, release));
    awaitTrue(() -> pool.status().running() == 2 && pool.status().waiting() == 1);
    ServiceException busy = failure(pool.submit(r -> r, ErrorCode.TTS_FAILURE));
    assertEquals(ErrorCode.BUSY, busy.code());
    assertEquals(429, busy.status());
    assertTrue(busy.getMessage().contains("test-two"), busy.getMessage());
    assertEquals(2, gauge("storyvox_engine_busy", "test-two"));
    assertEquals(1, gauge("storyvox_engine_waiting", "test-two"));
    assertEquals(3, gauge("storyvox_engine_queue_depth", "test-two"));
    assertEquals(1, gauge("storyvox_engine_ready", "test-two"));

    release.countDown();
    for (Future<String> job : admitted) {
      assertEquals("resource", job.await(5, TimeUnit.SECONDS));
    }
    awaitTrue(() -> pool.pending() == 0);
    PoolStatus idle = pool.status();
    assertEquals(List.of(0, 0, 2), List.of(idle.running(), idle.waiting(), idle.idle()));
    pool.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void everyPoolAnswersTheRegistryAndTheBusAlike(Vertx vertx) throws Exception {
    RecordCodec.register(vertx);
    WorkPool<String> ready = new WorkPool<>(vertx, PoolSpec.pinned("llm", "gpu0-llm-0", 0, 4, 10_000));
    WorkPool<String> broken = new WorkPool<>(vertx, PoolSpec.pinned("llm", "gpu0-llm-1", 0, 4, 10_000));
    ready.open(() -> "engine", r -> Readiness.ready("loaded"), "engine").await(5, TimeUnit.SECONDS);
    broken.open(() -> {
      throw new IllegalStateException("model file not found: absent.gguf");
    }, r -> Readiness.ready("never"), "engine").await(5, TimeUnit.SECONDS);
    CountDownLatch release = new CountDownLatch(1);
    Future<String> job = held(ready, release);
    awaitTrue(() -> ready.status().running() == 1);

    List<PoolStatus> local = WorkPools.local(vertx);
    List<PoolStatus> overTheBus = WorkPools.collect(vertx, 500).await(5, TimeUnit.SECONDS);
    assertEquals(local, overTheBus, "a clustered node sees the same statuses as the process itself");
    assertEquals(List.of("gpu0-llm-0", "gpu0-llm-1"), local.stream().map(PoolStatus::name).toList());
    assertEquals(1, local.get(0).running());
    assertEquals(Readiness.UNAVAILABLE, local.get(1).state());
    assertEquals(ErrorCode.UNAVAILABLE, failure(broken.submit(r -> r, ErrorCode.LLM_FAILURE)).code());

    PoolSummary llm = PoolSummary.of("llm", local);
    assertEquals(Readiness.UNAVAILABLE, llm.readiness().state());
    assertEquals(List.of(2, 1), List.of(llm.total(), llm.ready()));
    assertEquals(List.of("gpu0-llm-1"), llm.notReady());
    assertTrue(llm.readiness().reason().startsWith("1 of 2 contexts ready")
        && llm.readiness().reason().contains("absent.gguf"), llm.readiness().reason());
    assertNull(PoolSummary.of("stt", local), "no pool, no summary: the owner's own answer counts");

    release.countDown();
    job.await(5, TimeUnit.SECONDS);
    Future.all(ready.close(), broken.close()).await(5, TimeUnit.SECONDS);
    assertEquals(List.of(), WorkPools.local(vertx), "a closed pool leaves the registry");
    assertEquals(List.of(), WorkPools.collect(vertx, 200).await(5, TimeUnit.SECONDS), "and stops answering");
  }

  @Test
  void closeLetsAdmittedJobsFinishRefusesNewOnesThenClosesTheResource(Vertx vertx) throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    WorkPool<AutoCloseable> pool = new WorkPool<>(vertx, new PoolSpec("test", "test-close", null, 1, 2, 10_000));
    pool.open(() -> () -> closed.set(true), r -> Readiness.ready("open"), "closeable").await(5, TimeUnit.SECONDS);
    CountDownLatch release = new CountDownLatch(1);
    Future<Boolean> running = pool.submit(r -> await(release), ErrorCode.STT_FAILURE);
    Future<Boolean> waiting = pool.submit(r -> closed.get(), ErrorCode.STT_FAILURE);
    awaitTrue(() -> pool.status().running() == 1);
    Future<Void> closing = pool.close();
    assertEquals(ErrorCode.UNAVAILABLE, failure(pool.submit(r -> true, ErrorCode.STT_FAILURE)).code());
    assertFalse(closing.isComplete(), "close waits for the admitted jobs");
    release.countDown();
    closing.await(5, TimeUnit.SECONDS);
    assertTrue(running.await(1, TimeUnit.SECONDS));
    assertFalse(waiting.await(1, TimeUnit.SECONDS), "the waiting job ran before the resource closed");
    assertTrue(closed.get());
    assertEquals(Readiness.UNAVAILABLE, pool.state().state());
    assertNull(StoryvoxMetrics.registry().find("storyvox_engine_busy").tag("worker", "test-close").gauge());
  }

  @Test
  void aResourceThatChecksUnavailableStillRunsJobsSoTheyFailInTheEnginesWords(Vertx vertx) throws Exception {
    WorkPool<String> pool = new WorkPool<>(vertx, new PoolSpec("test", "test-check", null, 1, 0, 10_000));
    pool.open(() -> "espeak", r -> Readiness.unavailable("install it"), "engine").await(5, TimeUnit.SECONDS);
    assertEquals(Readiness.UNAVAILABLE, pool.state().state());
    ServiceException e = failure(pool.submit(r -> {
      throw new IllegalStateException(r + " is missing");
    }, ErrorCode.TTS_FAILURE));
    assertEquals(ErrorCode.TTS_FAILURE, e.code());
    assertEquals("espeak is missing", e.getMessage());
    assertEquals(0, pool.pending(), "a failed job frees its place");
    pool.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void statusesAndQueriesCrossTheWireAsTheyAre() {
    RecordCodec codec = new RecordCodec();
    for (Record message : List.of(new PoolStatus("gpu1-llm-0", "llm", 1, "READY", "loaded", 1, 1, 3, 16),
        new PoolStatus("tts-espeak", "tts", null, "UNAVAILABLE", "install espeak-ng", 2, 0, 0, 32),
        new PoolQuery("pool.status.reply.x"))) {
      Buffer wire = Buffer.buffer();
      codec.encodeToWire(wire, message);
      assertEquals(message, codec.decodeFromWire(0, wire));
    }
  }

  private static Future<String> held(WorkPool<String> pool, CountDownLatch release) {
    return pool.submit(r -> await(release) ? r : "timed out", ErrorCode.STT_FAILURE);
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static double gauge(String name, String worker) {
    Gauge gauge = StoryvoxMetrics.registry().find(name).tag("worker", worker).gauge();
    return gauge == null ? -1 : gauge.value();
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean(), "condition not met within 5 s");
  }

  private static ServiceException failure(Future<?> future) throws Exception {
    Throwable cause = future.transform(ar -> Future.succeededFuture(ar.cause())).await(5, TimeUnit.SECONDS);
    assertTrue(cause != null, "expected a failure");
    return Failures.toService(cause);
  }
}
