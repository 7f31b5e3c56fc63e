package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.stt.SttTestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
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

/** whisper.cpp's vocabulary-only test model hears nothing: every API still answers 200 with empty text. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class SttEmptyModelTest {

  private static WebClient client;
  private static Buffer forest;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) throws IOException {
    forest = Buffer.buffer(Files.readAllBytes(TestData.audio("ko_forest.ogg")));
    TestServer.start(vertx, SttTestConfig.overrides("for-tests-ggml-tiny.bin", 8)).onComplete(ctx.succeeding(port -> {
      client = TestServer.client(vertx, port);
      ctx.completeNow();
    }));
  }

  @Test
  void fieldAndOpenAiAnswersAreEmptyButSuccessful(VertxTestContext ctx) {
    client.post("/api/stt/field").sendMultipartForm(MultipartForm.create().attribute("field_type", "place")
            .binaryFileUpload("audio_file", "forest.ogg", forest, "audio/ogg"))
        .compose(r -> {
          ctx.verify(() -> {
            assertEquals(200, r.statusCode(), r.bodyAsString());
            JsonObject body = r.bodyAsJsonObject();
            assertEquals("", body.getString("stt_text"));
            assertEquals("", body.getString("parsed_value"));
            assertEquals(0.0, body.getDouble("confidence"));
          });
          return client.post("/v1/audio/transcriptions").sendMultipartForm(MultipartForm.create()
              .attribute("model", "whisper-1").attribute("language", "ko").attribute("response_format", "verbose_json")
              .binaryFileUpload("file", "forest.ogg", forest, "audio/ogg"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode(), r.bodyAsString());
          JsonObject body = r.bodyAsJsonObject();
          assertEquals("", body.getString("text"));
          assertEquals("korean", body.getString("language"));
          assertEquals(new JsonArray(), body.getJsonArray("segments"));
          ctx.completeNow();
        })));
  }
}
