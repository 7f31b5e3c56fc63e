package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
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

/** The OpenAI-compatible {@code /v1/audio/translations} (whisper's translate task) on the tiny random model. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class OpenAiTranslationsTest {

  private static WebClient client;
  private static Buffer jfk;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) throws IOException {
    jfk = Buffer.buffer(Files.readAllBytes(TestData.audio("jfk.mp3")));
    TestServer.start(vertx, SttTestConfig.tinyRandom()).onComplete(ctx.succeeding(port -> {
      client = TestServer.client(vertx, port);
      ctx.completeNow();
    }));
  }

  @Test
  void translationsRunTheTranslateTaskInEveryFormat(VertxTestContext ctx) {
    translate("verbose_json")
        .compose(r -> {
          ctx.verify(() -> {
            assertEquals(200, r.statusCode(), r.bodyAsString());
            JsonObject body = r.bodyAsJsonObject();
            assertEquals("translate", body.getString("task"));
            assertEquals("english", body.getString("language"));
            assertFalse(body.getJsonArray("segments").isEmpty());
            assertTrue(body.getString("text").startsWith(SttTestConfig.MODEL_TEXT));
          });
          return translate("srt");
        })
        .compose(r -> {
          ctx.verify(() -> {
            assertEquals(200, r.statusCode());
            assertTrue(r.getHeader("content-type").startsWith("application/x-subrip"));
            assertTrue(OpenAiApiTest.SRT_CUE.matcher(r.bodyAsString().split("\n\n")[0]).matches(), r.bodyAsString());
          });
          return translate("json");
        })
        .compose(r -> {
          ctx.verify(() -> assertEquals(1, r.bodyAsJsonObject().size()));
          return client.post("/v1/audio/translations").sendMultipartForm(MultipartForm.create()
              .binaryFileUpload("file", "jfk.mp3", jfk, "audio/mpeg"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          OpenAiApiTest.assertParam(r, "model");
          ctx.completeNow();
        })));
  }

  private static Future<HttpResponse<Buffer>> translate(String format) {
    return client.post("/v1/audio/translations").sendMultipartForm(MultipartForm.create()
        .attribute("model", "whisper-1").attribute("response_format", format)
        .binaryFileUpload("file", "jfk.mp3", jfk, "audio/mpeg"));
  }

}
