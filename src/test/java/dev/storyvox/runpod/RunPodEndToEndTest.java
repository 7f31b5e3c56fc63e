package dev.storyvox.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.Deployment;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.audio.AudioFormat;
import dev.storyvox.audio.AudioSniffer;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.stt.FixtureOrigin;
import dev.storyvox.stt.SttTestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole RunPod path: an API server with {@code stt.backend: runpod} queues jobs on {@link FakeRunPod};
 * a storyvox RunPod worker (its own Vert.x, as on its own machine) takes them, transcribes with the real
 * engine and posts the result, which reaches the HTTP client.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class RunPodEndToEndTest {

  private static final FakeRunPod FAKE = new FakeRunPod();
  private static final FixtureOrigin ORIGIN = new FixtureOrigin();
  private static Vertx workerVertx;
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    workerVertx = Vertx.vertx();
    FAKE.start(vertx).compose(f -> ORIGIN.start(vertx))
        .compose(o -> TestServer.start(vertx, new JsonObject().put("stt", new JsonObject().put("backend", "runpod"))
            .put("runpod", FAKE.config(FakeRunPod.KEY).put("timeoutMs", 100_000))))
        .compose(port -> {
          client = TestServer.client(vertx, port);
          return TestServer.config(workerVertx, SttTestConfig.tinyRandom()
              .put("runpod", new JsonObject().put("worker", new JsonObject().put("idleBackoffMs", 20))));
        })
        .compose(json -> Deployment.deployRunPodWorker(workerVertx, json,
            RunPodWorkerEnv.from(FAKE.workerEnv(), StoryvoxConfig.from(json).runpod().worker())))
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterAll
  static void stop() {
    TestWaits.close(workerVertx);
  }

  @Test
  void aTranscriptionRequestIsServedByTheWorkerThroughRunPod(VertxTestContext ctx) {
    client.post("/api/v1/transcriptions").sendJsonObject(new JsonObject()
            .put("audioUrl", ORIGIN.url("/audio/jfk.wav")).put("language", "en"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode(), r.bodyAsString());
          JsonObject data = r.bodyAsJsonObject().getJsonObject("data");
          assertTrue(data.getString("text").startsWith(SttTestConfig.MODEL_TEXT), data.encode());
          assertEquals("en", data.getString("language"));
          assertEquals(SttTestConfig.MODEL_TEXT, data.getJsonArray("segments").getJsonObject(0).getString("text"));
          assertTrue(data.getDouble("durationSeconds") > 10, "jfk.wav is 11 s: " + data.encode());
          assertTrue(FAKE.inputs.stream().anyMatch(i -> ORIGIN.url("/audio/jfk.wav").equals(i.getString("audio_url"))));
          ctx.completeNow();
        })));
  }

  @Test
  void aTwelveMegabyteUploadIsReEncodedAndTranscribedThroughRunPod(VertxTestContext ctx) throws Exception {
    Buffer wav = Buffer.buffer(LongWav.atLeast(12_000_000));
    client.post("/v1/audio/transcriptions").sendMultipartForm(MultipartForm.create().attribute("model", "whisper-1")
            .attribute("language", "en").attribute("response_format", "verbose_json")
            .binaryFileUpload("file", "long.wav", wav, "audio/wav"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode(), r.bodyAsString());
          JsonObject body = r.bodyAsJsonObject();
          assertTrue(body.getString("text").startsWith(SttTestConfig.MODEL_TEXT), body.encode());
          assertEquals(wav.length() / 192_000.0, body.getDouble("duration"), 0.1, "all of it was sent");
          String sent = FAKE.inputs.get(FAKE.inputs.size() - 1).getString("audio_base64");
          byte[] opus = Base64.getDecoder().decode(sent);
          assertEquals(AudioFormat.OGG_OPUS, AudioSniffer.sniff(opus));
          assertTrue(sent.length() < 1_000_000, "a " + wav.length() + "-byte WAV went as " + sent.length()
              + " base64 characters, well under /run's 10 MB");
          ctx.completeNow();
        })));
  }

  @Test
  void warmupIsAcceptedAndTheWorkerAnswersIt(Vertx vertx, VertxTestContext ctx) {
    client.post("/api/v1/gpu/warmup").sendJsonObject(new JsonObject())
        .compose(r -> {
          ctx.verify(() -> {
            assertEquals(202, r.statusCode(), r.bodyAsString());
            assertEquals("WARMING_UP", r.bodyAsJsonObject().getJsonObject("data").getString("status"));
          });
          String job = r.bodyAsJsonObject().getJsonObject("data").getString("jobId");
          return until(vertx, () -> FAKE.done.containsKey(job)).map(v -> FAKE.done.get(job));
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertEquals("Warmed up", done.getJsonObject("output").getString("message"));
          ctx.completeNow();
        })));
  }

  @Test
  void statusAndReadinessComeFromRunPodsHealth(VertxTestContext ctx) {
    client.get("/api/v1/gpu/status").send()
        .compose(r -> {
          ctx.verify(() -> {
            JsonObject data = r.bodyAsJsonObject().getJsonObject("data");
            assertEquals(200, r.statusCode(), r.bodyAsString());
            assertEquals("runpod", data.getString("backend"));
            assertEquals(new JsonObject().put("idle", 2).put("running", 1), data.getJsonObject("workers"));
          });
          return client.get("/ready").send();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          JsonObject runpod = r.bodyAsJsonObject().getJsonObject("capabilities").getJsonObject("runpod");
          assertEquals("READY", runpod.getString("state"), runpod.encode());
          ctx.completeNow();
        })));
  }

  private static Future<Void> until(Vertx vertx, java.util.function.BooleanSupplier condition) {
    return condition.getAsBoolean() ? Future.succeededFuture() : vertx.timer(20).compose(v -> until(vertx, condition));
  }
}
