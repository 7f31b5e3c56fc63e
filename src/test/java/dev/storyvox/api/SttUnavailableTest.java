package dev.storyvox.api;

import static dev.storyvox.api.HttpVerticleTest.assertImymeError;
import static dev.storyvox.api.HttpVerticleTest.assertOpenAiError;
import static dev.storyvox.api.HttpVerticleTest.assertPlainError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.stt.FixtureOrigin;
import dev.storyvox.stt.SttTestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server whose whisper model file is missing still starts; {@code /ready} names the file and every
 * transcription answers 503 MODEL_UNAVAILABLE. Downloads keep their production guard here.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SttUnavailableTest {

  private static final String MISSING = "/nonexistent/models/ggml-missing.bin";
  private static WebClient client;
  private static Buffer wav;
  private static FixtureOrigin origin;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) throws IOException {
    wav = Buffer.buffer(Files.readAllBytes(TestData.audio("ko_forest.wav")));
    JsonObject overrides = SttTestConfig.overrides(MISSING, 8)
        .put("download", new JsonObject().put("allowPrivateNetworks", false));
    new FixtureOrigin().start(vertx)
        .compose(started -> {
          origin = started;
          return TestServer.start(vertx, overrides);
        })
        .onComplete(ctx.succeeding(port -> {
          client = TestServer.client(vertx, port);
          ctx.completeNow();
        }));
  }

  @Test
  void readySaysSttIsUnavailableNamingTheModelPath(VertxTestContext ctx) {
    client.get("/ready").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(503, r.statusCode());
      JsonObject stt = r.bodyAsJsonObject().getJsonObject("capabilities").getJsonObject("stt");
      assertEquals("UNAVAILABLE", stt.getString("state"));
      assertTrue(stt.getString("reason").contains(MISSING), stt.encode());
      ctx.completeNow();
    })));
  }

  @Test
  void everyTranscriptionApiAnswersModelUnavailable(VertxTestContext ctx) {
    client.post("/api/stt/field").sendMultipartForm(MultipartForm.create().attribute("field_type", "era")
            .binaryFileUpload("audio_file", "a.wav", wav, "audio/wav"))
        .compose(r -> {
          ctx.verify(() -> assertPlainError(r, 503, "MODEL_UNAVAILABLE"));
          return client.post("/v1/audio/transcriptions").sendMultipartForm(MultipartForm.create()
              .attribute("model", "whisper-1").binaryFileUpload("file", "a.wav", wav, "audio/wav"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertOpenAiError(r, 503);
          assertEquals("model_unavailable", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
          ctx.completeNow();
        })));
  }

  @Test
  void aLoopbackUrlIsRefusedWithoutConnecting(VertxTestContext ctx) {
    int before = origin.connections.get();
    client.post("/api/v1/transcriptions").sendJsonObject(new JsonObject().put("audioUrl", origin.url("/audio/jfk.wav")))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertImymeError(r, 400, "INVALID_URL");
          assertTrue(r.bodyAsJsonObject().getJsonObject("error").getString("message").contains("refused"));
          assertEquals(before, origin.connections.get());
          ctx.completeNow();
        })));
  }
}
