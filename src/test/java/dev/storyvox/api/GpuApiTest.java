package dev.storyvox.api;

import static dev.storyvox.api.HttpVerticleTest.assertImymeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Readiness;
import dev.storyvox.engine.PoolSpec;
import dev.storyvox.engine.WorkPool;
import dev.storyvox.runpod.FakeRunPod;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/v1/gpu/warmup} and {@code /api/v1/gpu/status} with local engines (every work pool with its real
 * running and queued jobs) and with a rejecting RunPod.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class GpuApiTest {

  @Test
  void aWarmupRunPodRejectsIsWarmupFailed(Vertx vertx, VertxTestContext ctx) {
    FakeRunPod fake = new FakeRunPod();
    fake.start(vertx)
        .compose(f -> TestServer.start(vertx, new JsonObject().put("stt", new JsonObject().put("backend", "runpod"))
            .put("runpod", fake.config("wrong-key"))))
        .compose(port -> TestServer.client(vertx, port).post("/api/v1/gpu/warmup").sendJsonObject(new JsonObject()))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertImymeError(r, 500, "WARMUP_FAILED");
          ctx.completeNow();
        })));
  }

  @Test
  void locallyWarmupAndStatusReportTheEngines(Vertx vertx, VertxTestContext ctx) {
    TestServer.start(vertx, new JsonObject().put("stt", new JsonObject().put("model", "models/absent.bin")))
        .compose(port -> TestServer.client(vertx, port).post("/api/v1/gpu/warmup").sendJsonObject(new JsonObject())
            .compose(warm -> {
              ctx.verify(() -> {
                assertEquals(202, warm.statusCode(), warm.bodyAsString());
                assertEquals("local", warm.bodyAsJsonObject().getJsonObject("data").getString("backend"));
              });
              return TestServer.client(vertx, port).get("/api/v1/gpu/status").send();
            }))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          JsonObject data = r.bodyAsJsonObject().getJsonObject("data");
          assertEquals(200, r.statusCode(), r.bodyAsString());
          assertEquals("local", data.getString("backend"));
          JsonObject whisper = engine(data, "gpu0-whisper-0");
          assertEquals("stt", whisper.getString("kind"));
          assertEquals(0, whisper.getInteger("device"));
          assertEquals("UNAVAILABLE", whisper.getString("state"), whisper.encode());
          assertTrue(whisper.getString("reason").contains("absent.bin"), whisper.encode());
          assertEquals("UNAVAILABLE", engine(data, "gpu0-llm-0").getString("state"), "models/story.gguf is absent");
          int readyThreads = data.getJsonArray("engines").stream().map(JsonObject.class::cast)
              .filter(e -> "READY".equals(e.getString("state"))).mapToInt(e -> e.getInteger("threads")).sum();
          assertEquals(readyThreads, data.getJsonObject("workers").getInteger("idle"),
              "only ready pools (the card renderer, espeak-ng when installed) have idle workers");
          ctx.completeNow();
        })));
  }

  @Test
  void statusCountsTheJobsRunningAndWaitingWhileOneIsHeld(Vertx vertx) throws Exception {
    int port = TestServer.start(vertx, new JsonObject()).await(30, TimeUnit.SECONDS);
    WorkPool<String> pool = new WorkPool<>(vertx, PoolSpec.pinned("test", "held-pool", null, 4, 10_000));
    pool.open(() -> "resource", r -> Readiness.ready("open"), "resource").await(5, TimeUnit.SECONDS);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<String>> jobs = List.of(held(pool, release), held(pool, release), held(pool, release));
    try {
      JsonObject busy = status(vertx, port, data -> data.getJsonObject("jobs").getInteger("inProgress") == 1
          && data.getJsonObject("jobs").getInteger("inQueue") == 2);
      assertEquals(1, busy.getJsonObject("workers").getInteger("running"), busy.encode());
      JsonObject held = engine(busy, "held-pool");
      assertEquals(List.of(1, 2, 4, 1), List.of(held.getInteger("running"), held.getInteger("queued"),
          held.getInteger("queueSize"), held.getInteger("threads")), held.encode());
      JsonObject cards = engine(busy, "illustration-cards");
      assertEquals("cards", cards.getString("kind"));
      assertEquals(0, cards.getInteger("running"));
    } finally {
      release.countDown();
    }
    for (Future<String> job : jobs) {
      assertEquals("resource", job.await(5, TimeUnit.SECONDS));
    }
    JsonObject idle = status(vertx, port, data -> data.getJsonObject("jobs").getInteger("inProgress") == 0);
    assertEquals(0, idle.getJsonObject("jobs").getInteger("inQueue"), idle.encode());
    assertEquals(0, idle.getJsonObject("workers").getInteger("running"), idle.encode());
    pool.close().await(5, TimeUnit.SECONDS);
  }

  private static Future<String> held(WorkPool<String> pool, CountDownLatch release) {
    return pool.submit(r -> {
      try {
        return release.await(10, TimeUnit.SECONDS) ? r : "timed out";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }, ErrorCode.STT_FAILURE);
  }

  private static boolean pause() throws InterruptedException {
    Thread.sleep(20);
    return true;
  }

  /** {@code GET /api/v1/gpu/status}'s data once {@code until} holds (or after 5 s, whatever it says). */
  private static JsonObject status(Vertx vertx, int port, Predicate<JsonObject> until) throws Exception {
    long deadline = System.currentTimeMillis() + 5000;
    JsonObject data;
    do {
      HttpResponse<Buffer> r = TestServer.client(vertx, port).get("/api/v1/gpu/status").send()
          .await(5, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      data = r.bodyAsJsonObject().getJsonObject("data");
    } while (!until.test(data) && System.currentTimeMillis() < deadline && pause());
    return data;
  }

  private static JsonObject engine(JsonObject data, String name) {
    return data.getJsonArray("engines").stream().map(JsonObject.class::cast)
        .filter(e -> name.equals(e.getString("name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no engine " + name + " in " + data.encode()));
  }
}
