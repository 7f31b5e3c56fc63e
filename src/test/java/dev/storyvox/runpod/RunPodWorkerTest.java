package dev.storyvox.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.vertx.core.http.HttpServer;
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
 * {@code --role runpod-worker} against {@link FakeRunPod}'s webhooks, which check every request against
 * runpod-python's protocol, running jobs on the real whisper engine with the tiny random model.
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
    start(vertx, 1, 20).compose(v -> {
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
          assertEquals(java.util.List.of(), fake.hooks.protocolErrors);
          assertTrue(fake.takeQueries.get(0).endsWith("/job-take/" + FakeRunPod.POD + "?gpu=test&job_in_progress=0"),
              fake.takeQueries.get(0));
          assertTrue(fake.pings.get(0).matches(FakeRunPod.POD + "\\?gpu=test&runpod_version=storyvox-.+"),
              "an idle heartbeat names no job: " + fake.pings.get(0));
          assertTrue(fake.pings.stream().anyMatch(p -> p.startsWith(FakeRunPod.POD + "?gpu=test&job_id=job-")),
              fake.pings.toString());
        });
        return done;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anyJsonInputIsAnsweredAndANonObjectGetsAnErrorResult(Vertx vertx, VertxTestContext ctx) {
    start(vertx, 1, 20).compose(v -> {
      String text = fake.submit("just text");
      String list = fake.submit(new JsonArray().add(1));
      String nothing = fake.submit(null);
      return awaitDone(vertx, 3).map(done -> {
        ctx.verify(() -> {
          for (String id : new String[] {text, list, nothing}) {
            assertTrue(fake.done.get(id).getString("error").startsWith("INVALID_REQUEST: the job input must be a "
                + "JSON object"), fake.done.get(id).encode());
            assertEquals("FAILED", fake.statusOf(id));
          }
          assertEquals(java.util.List.of(), fake.hooks.protocolErrors);
        });
        return done;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aFailedResultPostIsTriedThreeTimesAsTheSdkDoes(Vertx vertx, VertxTestContext ctx) {
    fake.hooks.doneFaults = 2;
    start(vertx, 1, 20).compose(v -> {
      String warmup = fake.submit(new JsonObject().put("warmup", true));
      return awaitDone(vertx, 1).compose(done -> {
        ctx.verify(() -> {
          assertEquals(3, fake.hooks.doneCalls.get(), "two 500s, then delivered");
          assertEquals("success", fake.done.get(warmup).getJsonObject("output").getString("status"));
        });
        fake.hooks.doneFaults = 10;
        fake.submit(new JsonObject().put("warmup", true));
        return poll(vertx, () -> fake.hooks.doneCalls.get() >= 6).compose(x -> vertx.timer(1000));
      }).map(later -> {
        ctx.verify(() -> assertEquals(6, fake.hooks.doneCalls.get(), "the second result: 3 attempts, then given up"));
        return later;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aJobCancelledWhileRunningStopsWithinASecondAndPostsNothing(Vertx vertx, VertxTestContext ctx) {
    long[] cancelledAt = new long[1];
    slowOrigin(vertx).compose(slow -> start(vertx, 1, 20).compose(v -> {
      String job = fake.submit(new JsonObject().put("audio_url", "http://127.0.0.1:" + slow.actualPort() + "/jfk.wav"));
      return poll(vertx, () -> "IN_PROGRESS".equals(fake.statusOf(job)))
          .compose(x -> vertx.timer(200))
          .compose(x -> {
            cancelledAt[0] = System.currentTimeMillis();
            return TestServer.client(vertx, 0).postAbs(fake.baseUrl() + "/" + FakeRunPod.ENDPOINT + "/cancel/" + job)
                .bearerTokenAuthentication(FakeRunPod.KEY).send();
          })
          .compose(x -> {
            String next = fake.submit(new JsonObject().put("warmup", true));
            return poll(vertx, () -> fake.done.containsKey(next)).map(y -> System.currentTimeMillis());
          })
          .compose(nextDone -> {
            ctx.verify(() -> assertTrue(nextDone - cancelledAt[0] < 1000,
                "the slot was free again " + (nextDone - cancelledAt[0]) + " ms after the cancel"));
            return vertx.timer(4000);
          })
          .map(x -> {
            ctx.verify(() -> {
              assertNull(fake.done.get(job), "nothing posted for the stopped job");
              assertEquals(java.util.List.of(), fake.hooks.lateResults);
              assertEquals("CANCELLED", fake.statusOf(job));
            });
            return x;
          });
    })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void withRoomForMoreThanOneJobTheBatchEndpointIsUsed(Vertx vertx, VertxTestContext ctx) {
    fake.submit(new JsonObject().put("warmup", true));
    fake.submit(new JsonObject().put("warmup", true));
    start(vertx, 2, 20).compose(v -> awaitDone(vertx, 2)).map(done -> {
      ctx.verify(() -> {
        assertTrue(fake.takeQueries.get(0).contains("/job-take-batch/" + FakeRunPod.POD
            + "?gpu=test&batch_size=2&job_in_progress=0"), fake.takeQueries.get(0));
        assertTrue(fake.hooks.batched(), "both jobs came in one take: " + fake.hooks.takeSizes);
        assertEquals(java.util.List.of(), fake.hooks.protocolErrors);
      });
      return done;
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anEmptyTakeIsFollowedByTheNextAtOnce(Vertx vertx, VertxTestContext ctx) {
    fake.hooks.holdMs = 100;
    start(vertx, 1, 5_000).compose(v -> vertx.timer(1_000)).map(x -> {
      ctx.verify(() -> assertTrue(fake.takeQueries.size() >= 5,
          "takes held 100 ms each, none waiting idleBackoffMs 5000: " + fake.takeQueries.size()));
      return x;
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void stoppingFinishesTheJobInHand(Vertx vertx, VertxTestContext ctx) {
    start(vertx, 1, 20).compose(v -> {
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

  @Test
  void theUrlsAreBuiltAsRunpodPythonBuildsThem() {
    RunPodWorkerEnv env = RunPodWorkerEnv.from(Map.of(RunPodWorkerEnv.GET_JOB, "https://api.runpod.ai/v2/e/job-take/$ID?gpu=A",
        RunPodWorkerEnv.POST_OUTPUT, "https://api.runpod.ai/v2/e/job-done/$RUNPOD_POD_ID/$ID?gpu=A",
        RunPodWorkerEnv.POD_ID, "p"), new RunPodConfig.Worker(4, 10_000, 1000));
    assertEquals("https://api.runpod.ai/v2/e/job-take/p?gpu=A&job_in_progress=1", env.takeUrl(1, true));
    assertEquals("https://api.runpod.ai/v2/e/job-take-batch/p?gpu=A&batch_size=3&job_in_progress=0",
        env.takeUrl(3, false));
    assertEquals("https://api.runpod.ai/v2/e/job-stop/p?gpu=A", env.stopUrl());
    assertEquals("https://api.runpod.ai/v2/e/job-done/p/j1?gpu=A&isStream=false", env.postOutputUrl("j1"));
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

  /** An origin that holds each request 3 s before sending jfk.wav, so the job is running meanwhile. */
  private static Future<HttpServer> slowOrigin(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(request -> vertx.setTimer(3000, t ->
        request.response().sendFile(TestData.audio("jfk.wav").toString()))).listen(0, "127.0.0.1");
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

  private Future<Void> start(Vertx vertx, int concurrency, long idleBackoffMs) {
    return fake.start(vertx).compose(f -> origin.start(vertx))
        .compose(o -> TestServer.config(vertx, SttTestConfig.tinyRandom()
            .put("runpod", new JsonObject().put("worker", new JsonObject().put("idleBackoffMs", idleBackoffMs)
                .put("concurrency", concurrency)))))
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
