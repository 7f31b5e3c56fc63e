package dev.storyvox.api;

import static dev.storyvox.api.HttpVerticleTest.assertPlainError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.stt.FieldParser;
import dev.storyvox.stt.FieldType;
import dev.storyvox.stt.SttTestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
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

/** Storybook's {@code POST /api/stt/field} on the tiny random model. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class SttFieldApiTest {

  private static WebClient client;
  private static Buffer forest;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) throws IOException {
    forest = Buffer.buffer(Files.readAllBytes(TestData.audio("ko_forest.webm")));
    TestServer.start(vertx, SttTestConfig.tinyRandom()).onComplete(ctx.succeeding(port -> {
      client = TestServer.client(vertx, port);
      ctx.completeNow();
    }));
  }

  @Test
  void aSpokenPlaceInWebmGivesTheTranscriptItsParsedValueAndAConfidence(VertxTestContext ctx) {
    post(MultipartForm.create().attribute("field_type", "place")
        .binaryFileUpload("audio_file", "forest.webm", forest, "audio/webm"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode(), r.bodyAsString());
          JsonObject body = r.bodyAsJsonObject();
          assertEquals("place", body.getString("field_type"));
          String text = body.getString("stt_text");
          assertTrue(text.startsWith(SttTestConfig.MODEL_TEXT), text);
          assertEquals(FieldParser.parse(FieldType.PLACE, text), body.getString("parsed_value"));
          SttApiTest.assertConfidence(body.getDouble("confidence"));
          ctx.completeNow();
        })));
  }

  @Test
  void charactersAreSplitFromTheTranscript(VertxTestContext ctx) {
    post(MultipartForm.create().attribute("field_type", "characters").attribute("language", "en-US")
        .binaryFileUpload("audio_file", "forest.webm", forest, "audio/webm"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode(), r.bodyAsString());
          JsonObject body = r.bodyAsJsonObject();
          assertEquals(FieldParser.parse(FieldType.CHARACTERS, body.getString("stt_text")),
              body.getString("parsed_value"));
          ctx.completeNow();
        })));
  }

  @Test
  void aMissingAudioPartIsNamed(VertxTestContext ctx) {
    post(MultipartForm.create().attribute("field_type", "era"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> assertRefused(ctx, r, "audio_file"))));
  }

  @Test
  void aMissingFieldTypeIsNamed(VertxTestContext ctx) {
    post(MultipartForm.create().binaryFileUpload("audio_file", "forest.webm", forest, "audio/webm"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> assertRefused(ctx, r, "field_type"))));
  }

  @Test
  void anUnknownFieldTypeListsTheAllowedOnes(VertxTestContext ctx) {
    post(MultipartForm.create().attribute("field_type", "weather")
        .binaryFileUpload("audio_file", "forest.webm", forest, "audio/webm"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertTrue(r.bodyAsJsonObject().getJsonObject("error").getString("message").contains("era, place"));
          assertRefused(ctx, r, "weather");
        })));
  }

  @Test
  void aZeroByteFileIsRefusedAsEmpty(VertxTestContext ctx) {
    post(MultipartForm.create().attribute("field_type", "topic")
        .binaryFileUpload("audio_file", "empty.webm", Buffer.buffer(), "audio/webm"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> assertRefused(ctx, r, "empty"))));
  }

  @Test
  void anImageIsAnUnsupportedFormat(VertxTestContext ctx) {
    Buffer png = Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
    post(MultipartForm.create().attribute("field_type", "topic")
        .binaryFileUpload("audio_file", "drawing.png", png, "image/png"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertPlainError(r, 400, "UNSUPPORTED_FORMAT");
          assertTrue(r.bodyAsJsonObject().getJsonObject("error").getString("message").contains("png"));
          ctx.completeNow();
        })));
  }

  private static Future<HttpResponse<Buffer>> post(MultipartForm form) {
    return client.post("/api/stt/field").sendMultipartForm(form);
  }

  private static void assertRefused(VertxTestContext ctx, HttpResponse<Buffer> r, String named) {
    assertPlainError(r, 400, "INVALID_REQUEST");
    String message = r.bodyAsJsonObject().getJsonObject("error").getString("message");
    assertTrue(message.contains(named), message);
    ctx.completeNow();
  }
}
