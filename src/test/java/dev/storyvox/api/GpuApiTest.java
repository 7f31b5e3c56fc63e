package dev.storyvox.api;

import static dev.storyvox.api.HttpVerticleTest.assertImymeError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.storyvox.TestServer;
import dev.storyvox.runpod.FakeRunPod;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/v1/gpu/warmup} and {@code /api/v1/gpu/status} with local engines and with a rejecting RunPod. */
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
          JsonObject whisper = data.getJsonArray("engines").getJsonObject(0);
          assertEquals("whisper", whisper.getString("name"));
          assertEquals("UNAVAILABLE", whisper.getString("state"), whisper.encode());
          assertEquals(0, data.getJsonObject("workers").getInteger("idle"), "no engine is ready");
          ctx.completeNow();
        })));
  }
}
