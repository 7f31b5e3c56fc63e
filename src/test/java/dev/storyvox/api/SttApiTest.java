package dev.storyvox.api;

import static dev.storyvox.api.HttpVerticleTest.assertImymeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.stt.FixtureOrigin;
import dev.storyvox.stt.SttTestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** IMYME's {@code POST /api/v1/transcriptions} on the tiny random model, audio served from a loopback origin. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SttApiTest {

  private static final List<String> FIXTURES = List.of("jfk.wav", "jfk.mp3", "ko_forest.wav", "ko_forest.mp3",
      "ko_forest.m4a", "ko_forest.ogg", "ko_forest.webm", "ko_forest.flac", "ko_process.wav");

  private static WebClient client;
  private static FixtureOrigin origin;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    new FixtureOrigin().start(vertx)
        .compose(started -> {
          origin = started;
          return TestServer.start(vertx, SttTestConfig.tinyRandom());
        })
        .onComplete(ctx.succeeding(port -> {
          client = TestServer.client(vertx, port);
          ctx.completeNow();
        }));
  }

  @Test
  void everyFixtureFormatIsTranscribedWithTimestampsInsideTheAudio(VertxTestContext ctx) {
    Future<Void> chain = Future.succeededFuture();
    for (String fixture : FIXTURES) {
      chain = chain.compose(v -> post(new JsonObject().put("audioUrl", origin.url("/audio/" + fixture))
          .put("language", "en"))).map(r -> {
            ctx.verify(() -> assertTranscript(fixture, r));
            return null;
          });
    }
    chain.onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void jfkLastsElevenSecondsAndDefaultsToKorean(VertxTestContext ctx) {
    post(new JsonObject().put("audioUrl", origin.url("/audio/jfk.wav"))).onComplete(ctx.succeeding(r ->
        ctx.verify(() -> {
          JsonObject data = r.bodyAsJsonObject().getJsonObject("data");
          assertEquals(11.0, data.getDouble("durationSeconds"), 0.01);
          assertEquals("ko", data.getString("language"));
          ctx.completeNow();
        })));
  }

  @Test
  void aWebPageIsAnUnsupportedFormatSayingWhatItLooksLike(VertxTestContext ctx) {
    post(new JsonObject().put("audioUrl", origin.url("/page.html"))).onComplete(ctx.succeeding(r ->
        ctx.verify(() -> {
          assertImymeError(r, 400, "UNSUPPORTED_FORMAT");
          JsonObject detail = r.bodyAsJsonObject().getJsonObject("error").getJsonObject("detail");
          assertEquals("html", detail.getString("detected"));
          assertTrue(detail.getJsonArray("supported").contains("webm"), detail.encode());
          ctx.completeNow();
        })));
  }

  @Test
  void aMissingFileIsADownloadFailure(VertxTestContext ctx) {
    post(new JsonObject().put("audioUrl", origin.url("/audio/none.wav"))).onComplete(ctx.succeeding(r ->
        ctx.verify(() -> {
          assertImymeError(r, 500, "DOWNLOAD_FAILURE");
          assertTrue(r.bodyAsJsonObject().getJsonObject("error").getString("message").contains("404"));
          ctx.completeNow();
        })));
  }

  @Test
  void aNonHttpUrlIsAnInvalidUrlWithoutAnyConnection(VertxTestContext ctx) {
    int before = origin.connections.get();
    post(new JsonObject().put("audioUrl", "file:///etc/passwd")).onComplete(ctx.succeeding(r ->
        ctx.verify(() -> {
          assertImymeError(r, 400, "INVALID_URL");
          assertEquals(before, origin.connections.get());
          ctx.completeNow();
        })));
  }

  private static Future<HttpResponse<Buffer>> post(JsonObject body) {
    return client.post("/api/v1/transcriptions").sendJsonObject(body);
  }

  private static void assertTranscript(String fixture, HttpResponse<Buffer> r) {
    assertEquals(200, r.statusCode(), fixture + ": " + r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertTrue(body.getBoolean("success"));
    assertTrue(body.containsKey("error") && body.getValue("error") == null);
    JsonObject data = body.getJsonObject("data");
    double duration = data.getDouble("durationSeconds");
    assertTrue(duration > 1, fixture + " lasts " + duration);
    assertEquals("en", data.getString("language"));
    assertTrue(data.getString("text").startsWith(SttTestConfig.MODEL_TEXT), fixture + ": " + data.getString("text"));
    JsonArray segments = data.getJsonArray("segments");
    assertFalse(segments.isEmpty(), fixture);
    for (int i = 0; i < segments.size(); i++) {
      JsonObject segment = segments.getJsonObject(i);
      assertEquals(SttTestConfig.MODEL_TEXT, segment.getString("text"), fixture);
      double start = segment.getDouble("start");
      double end = segment.getDouble("end");
      assertTrue(0 <= start && start < end && end <= duration, fixture + " segment " + segment.encode());
      assertConfidence(segment.getDouble("confidence"));
    }
    assertConfidence(data.getDouble("confidence"));
  }

  static void assertConfidence(double confidence) {
    assertTrue(confidence > 0 && confidence <= 1, "confidence " + confidence);
  }
}
