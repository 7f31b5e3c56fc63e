package dev.storyvox.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.config.RetryPolicyConfig;
import dev.storyvox.config.RunPodConfig;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.stt.FixtureOrigin;
import dev.storyvox.stt.SttDeployment;
import dev.storyvox.stt.SttTestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code --role runpod-worker} against {@link FakeRunPod}'s webhooks, running jobs on the real whisper engine
 * with the tiny random model.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class RunPodWorkerTest {

  private final FakeRunPod fake = new FakeRunPod();
  private final FixtureOrigin origin = new FixtureOrigin();
  private String workerId;

  @Test
  void jobsAreTakenTranscribedAndPostedWithHeartbeats(Vertx vertx, VertxTestContext ctx) throws Exception {
    String wav = Base64.getEncoder().encodeToString(Files.readAllBytes(TestData.audio("jfk.wav")));
    start(vertx).compose(v -> {
      String byUrl = fake.submit(new JsonObject().put("audio_url", origin.url("/audio/jfk.mp3")).put("language", "en"));
      String byBytes = fake.submit(new JsonObject().put("audio_base64", wav).put("language", "en"));
      String warmup = fake.submit(new JsonObject().put("warmup", true));
      String broken = fake.submit(new JsonObject().put("audio_url", origin.url("/audio/missing.wav")));
      return awaitDone(vertx, 4).map(done -> {
        ctx.verify(() -> {
          assertTranscribed(fake.done.get(byUrl));
          assertTranscribed(fake.done.get(byBytes));
          assertEquals(new JsonObject().put("output", new JsonObject().put("status", "success")
              .put("message", "Warmed up")), fake.done.get(warmup));
          assertTrue(fake.done.get(broken).getString("error").startsWith("DOWNLOAD_FAILURE"),
              fake.done.get(broken).encode());
          assertTrue(fake.takeQueries.get(0).contains("gpu=test&job_in_progress=0"), fake.takeQueries.get(0));
          assertTrue(fake.pings.stream().anyMatch(p -> p.startsWith(FakeRunPod.POD + "?gpu=test&job_id=")),
              fake.pings.toString());
        });
        return done;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aFailedResultPostIsRetried(Vertx vertx, VertxTestContext ctx) {
    fake.doneFaults = 2;
    start(vertx).compose(v -> {
      String warmup = fake.submit(new JsonObject().put("warmup", true));
      return awaitDone(vertx, 1).map(done -> {
        ctx.verify(() -> {
          assertEquals(3, fake.doneCalls.get(), "two 500s, then delivered");
          assertEquals("success", fake.done.get(warmup).getJsonObject("output").getString("status"));
        });
        return done;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void stoppingFinishesTheJobInHand(Vertx vertx, VertxTestContext ctx) {
    start(vertx).compose(v -> {
      String job = fake.submit(new JsonObject().put("audio_url", origin.url("/audio/jfk.wav")).put("language", "en"));
      return poll(vertx, () -> fake.pings.stream().anyMatch(ping -> ping.contains("job_id=" + job)))
          .compose(taken -> vertx.undeploy(workerId))
          .map(stopped -> {
            ctx.verify(() -> assertTranscribed(fake.done.get(job)));
            return stopped;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theWorkerRoleNeedsRunPodsEnvironment() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunPodWorkerEnv.from(Map.of(), new RunPodConfig.Worker(1, 10_000, 1000)));
    assertTrue(e.getMessage().startsWith("RUNPOD_WEBHOOK_GET_JOB is not set"), e.getMessage());
  }

  private static void assertTranscribed(JsonObject body) {
    assertFalse(body.containsKey("error"), body.encode());
    JsonObject output = body.getJsonObject("output");
    assertTrue(output.getString("text").startsWith(SttTestConfig.MODEL_TEXT), output.encode());
    assertEquals("en", output.getString("language"));
    JsonArray segments = output.getJsonArray("segments");
    assertFalse(segments.isEmpty());
    assertEquals(SttTestConfig.MODEL_TEXT, segments.getJsonObject(0).getString("text").strip());
    assertTrue(output.getDouble("processing_time") > 0);
  }

  private Future<Integer> awaitDone(Vertx vertx, int count) {
    return poll(vertx, () -> fake.done.size() >= count).map(v -> fake.done.size());
  }

  private static Future<Void> poll(Vertx vertx, BooleanSupplier condition) {
    if (condition.getAsBoolean()) {
      return Future.succeededFuture();
    }
    return vertx.timer(20).compose(v -> poll(vertx, condition));
  }

  private Future<Void> start(Vertx vertx) {
    return fake.start(vertx).compose(f -> origin.start(vertx))
        .compose(o -> TestServer.config(vertx, SttTestConfig.tinyRandom()
            .put("runpod", new JsonObject().put("worker", new JsonObject().put("idleBackoffMs", 20)))))
        .compose(json -> {
          StoryvoxConfig config = StoryvoxConfig.from(json);
          RecordCodec.register(vertx);
          RunPodWorkerEnv env = RunPodWorkerEnv.from(fake.workerEnv(), config.runpod().worker());
          return SttDeployment.deploy(vertx, config)
              .compose(d -> vertx.deployVerticle(new RunPodWorker(env, 30_000, 30_000,
                  new RetryPolicyConfig(3, 200, 1_600, 30_000))));
        })
        .map(id -> {
          workerId = id;
          return null;
        });
  }
}
