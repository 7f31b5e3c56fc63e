package dev.storyvox.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.audio.AudioSniffer;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code stt.backend: runpod}, bad input gets the local backend's answer before anything reaches RunPod,
 * and an upload whose re-encoded request body is over the endpoint's limit (lowered here to
 * {@value #LIMIT} bytes) is a 413 naming it. No worker runs: {@link FakeRunPod} only counts what arrives.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class RunPodInputRulesTest {

  private static final int LIMIT = 100_000;
  private static final FakeRunPod FAKE = new FakeRunPod();
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    FAKE.start(vertx)
        .compose(f -> TestServer.start(vertx, new JsonObject().put("stt", new JsonObject().put("backend", "runpod"))
            .put("runpod", FAKE.config(FakeRunPod.KEY).put("maxRunBytes", LIMIT))))
        .onComplete(ctx.succeeding(port -> {
          client = TestServer.client(vertx, port);
          ctx.completeNow();
        }));
  }

  @Test
  void aUrlThatIsNotOneIsInvalidUrlAsOnTheLocalBackend(VertxTestContext ctx) {
    int before = FAKE.inputs.size();
    client.post("/api/v1/transcriptions").sendJsonObject(new JsonObject().put("audioUrl", "not a url"))
        .compose(r -> {
          ctx.verify(() -> assertError(r, 400, "INVALID_URL", "not a url"));
          return client.post("/api/v1/transcriptions").sendJsonObject(new JsonObject()
              .put("audioUrl", "file:///etc/passwd"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertError(r, 400, "INVALID_URL", "only http and https");
          assertEquals(before, FAKE.inputs.size(), "no job was sent to RunPod");
          ctx.completeNow();
        })));
  }

  @Test
  void anUploadThatIsNotAudioGetsTheLocalBackendsCode(VertxTestContext ctx) {
    byte[] text = "hello, this is not audio at all".getBytes(StandardCharsets.UTF_8);
    ServiceException local = assertThrows(ServiceException.class, () -> AudioSniffer.sniff(text));
    int before = FAKE.inputs.size();
    client.post("/api/stt/field").sendMultipartForm(MultipartForm.create().attribute("field_type", "era")
            .binaryFileUpload("audio_file", "a.wav", Buffer.buffer(text), "audio/wav"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(local.status(), r.statusCode(), r.bodyAsString());
          assertEquals(local.code().name(), r.bodyAsJsonObject().getJsonObject("error").getString("code"));
          assertEquals(before, FAKE.inputs.size());
          ctx.completeNow();
        })));
  }

  @Test
  void anUploadStillOverTheLimitAfterReEncodingIs413NamingIt(VertxTestContext ctx) throws Exception {
    Buffer wav = Buffer.buffer(LongWav.atLeast(12_000_000));
    int before = FAKE.inputs.size();
    client.post("/api/stt/field").sendMultipartForm(MultipartForm.create().attribute("field_type", "era")
            .binaryFileUpload("audio_file", "long.wav", wav, "audio/wav"))
        .compose(r -> {
          ctx.verify(() -> {
            assertError(r, 413, "PAYLOAD_TOO_LARGE", "/run limit of " + LIMIT + " bytes (runpod.maxRunBytes)");
            assertEquals(LIMIT, r.bodyAsJsonObject().getJsonObject("error").getJsonObject("detail")
                .getInteger("maxBytes"));
          });
          return client.post("/v1/audio/transcriptions").sendMultipartForm(MultipartForm.create()
              .attribute("model", "whisper-1").binaryFileUpload("file", "long.wav", wav, "audio/wav"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(413, r.statusCode(), r.bodyAsString());
          assertTrue(r.bodyAsJsonObject().getJsonObject("error").getString("message").contains("runpod.maxRunBytes"));
          assertEquals(before, FAKE.inputs.size(), "no job was created");
          ctx.completeNow();
        })));
  }

  @Test
  void translationAndWordTimingsAreRefusedBecauseTheWorkerHasNeither(VertxTestContext ctx) throws Exception {
    Buffer mp3 = Buffer.buffer(Files.readAllBytes(TestData.audio("jfk.mp3")));
    int before = FAKE.inputs.size();
    client.post("/v1/audio/translations").sendMultipartForm(MultipartForm.create()
            .attribute("model", "whisper-1").binaryFileUpload("file", "jfk.mp3", mp3, "audio/mpeg"))
        .compose(r -> {
          ctx.verify(() -> assertOpenAiRefusal(r));
          return client.post("/v1/audio/transcriptions").sendMultipartForm(MultipartForm.create()
              .attribute("model", "whisper-1").attribute("response_format", "verbose_json")
              .attribute("timestamp_granularities[]", "word").binaryFileUpload("file", "jfk.mp3", mp3, "audio/mpeg"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertOpenAiRefusal(r);
          assertEquals(before, FAKE.inputs.size(), "no job was sent to RunPod");
          ctx.completeNow();
        })));
  }

  private static void assertOpenAiRefusal(HttpResponse<Buffer> r) {
    assertEquals(400, r.statusCode(), r.bodyAsString());
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertEquals("invalid_request_error", error.getString("type"));
    assertTrue(error.getString("message").contains("stt.backend local"), error.getString("message"));
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String code, String text) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertEquals(code, error.getString("code"));
    assertTrue(error.getString("message").contains(text), error.getString("message"));
  }
}
