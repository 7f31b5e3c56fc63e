package dev.storyvox.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.stt.SttTestConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broken uploads to both multipart routes: parts missing, a wrong {@code field_type}, an empty file, a file
 * that is not audio, and a 200 MB upload that must be refused with 413 long before it is all sent.
 */
@Tag("robustness")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MultipartAbuseTest {

  private static final String BOUNDARY = "robustness-boundary";
  private static final long HUGE = 200L << 20;
  private static final Vertx VERTX = Vertx.vertx();
  private static HttpClient http;

  @BeforeAll
  static void start() {
    int port = TestWaits.await(TestServer.start(VERTX, SttTestConfig.tinyRandom()));
    http = VERTX.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(false));
  }

  @AfterAll
  static void stop() {
    TestWaits.close(VERTX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/stt/field", "/v1/audio/transcriptions", "/v1/audio/translations"})
  void brokenFormsAreRefusedWithFourHundreds(String path) {
    String filePart = path.startsWith("/v1") ? "file" : "audio_file";
    Map<String, Buffer> forms = Map.of(
        "no parts", form(Map.of(), null, null),
        "no file", form(fields(path, "place"), null, null),
        "no fields", form(Map.of(), filePart, Buffer.buffer("RIFF")),
        "empty file", form(fields(path, "place"), filePart, Buffer.buffer()),
        "not audio", form(fields(path, "place"), filePart, Buffer.buffer("<html><body>hello</body></html>".repeat(50))),
        "truncated form", Buffer.buffer("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nab"));
    for (Map.Entry<String, Buffer> form : forms.entrySet()) {
      var answer = TestWaits.await(post(path, form.getValue()));
      assertTrue(answer.getKey() >= 400 && answer.getKey() < 500, form.getKey() + ": " + answer);
      assertNull(ErrorShapes.problem(path, answer.getKey(), answer.getValue()), form.getKey());
    }
    if (path.startsWith("/api")) {
      var wrongType = TestWaits.await(post(path, form(fields(path, "weather"), filePart, Buffer.buffer("RIFF"))));
      assertEquals(400, wrongType.getKey(), wrongType.getValue().toString());
      assertTrue(wrongType.getValue().toString().contains("field_type"), wrongType.getValue().toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/stt/field", "/v1/audio/transcriptions"})
  void aTwoHundredMegabyteUploadIsRefusedFastWithoutReadingItAll(String path) {
    for (boolean chunked : new boolean[] {false, true}) {
      long started = System.nanoTime();
      long[] sent = new long[1];
      var answer = TestWaits.await(stream(path, chunked, sent));
      long ms = (System.nanoTime() - started) / 1_000_000;
      assertEquals(413, answer.getKey(), answer.getValue().toString());
      assertNull(ErrorShapes.problem(path, 413, answer.getValue()));
      assertTrue(sent[0] < HUGE, "refused before the whole upload was sent (" + (sent[0] >> 20) + " MB)");
      assertTrue(ms < 20_000, (chunked ? "chunked" : "sized") + " upload refused after " + ms + " ms");
    }
    assertEquals(200, TestWaits.await(http.request(HttpMethod.GET, "/health").compose(r -> r.send())).statusCode());
  }

  private static Future<Map.Entry<Integer, Buffer>> stream(String path, boolean chunked, long[] sent) {
    Buffer head = Buffer.buffer("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"field_type\"\r\n\r\nplace\r\n--" + BOUNDARY
        + "\r\nContent-Disposition: form-data; name=\"" + (path.startsWith("/v1") ? "file" : "audio_file")
        + "\"; filename=\"big.wav\"\r\nContent-Type: audio/wav\r\n\r\n");
    Buffer tail = Buffer.buffer("\r\n--" + BOUNDARY + "--\r\n");
    Buffer chunk = Buffer.buffer(new byte[1 << 20]);
    Promise<Map.Entry<Integer, Buffer>> answer = Promise.promise();
    http.request(HttpMethod.POST, path).onSuccess(request -> {
      request.putHeader("content-type", "multipart/form-data; boundary=" + BOUNDARY);
      if (chunked) {
        request.setChunked(true);
      } else {
        request.putHeader("content-length", Long.toString(head.length() + HUGE + tail.length()));
      }
      request.response().compose(r -> r.body().map(b -> Map.entry(r.statusCode(), b))).onComplete(answer);
      request.write(head);
      pump(request, chunk, tail, sent, answer.future());
    }).onFailure(answer::fail);
    return answer.future().timeout(60, TimeUnit.SECONDS);
  }

  private static void pump(HttpClientRequest request, Buffer chunk, Buffer tail, long[] sent, Future<?> done) {
    while (!done.isComplete() && !request.writeQueueFull() && sent[0] < HUGE) {
      request.write(chunk);
      sent[0] += chunk.length();
    }
    if (done.isComplete()) {
      return;
    }
    if (sent[0] >= HUGE) {
      request.end(tail);
    } else {
      request.drainHandler(v -> pump(request, chunk, tail, sent, done));
    }
  }

  private static Future<Map.Entry<Integer, Buffer>> post(String path, Buffer form) {
    return http.request(HttpMethod.POST, path)
        .compose(r -> r.putHeader("content-type", "multipart/form-data; boundary=" + BOUNDARY).send(form))
        .compose(r -> r.body().map(b -> Map.entry(r.statusCode(), b)))
        .timeout(30, TimeUnit.SECONDS);
  }

  private static Map<String, String> fields(String path, String fieldType) {
    return path.startsWith("/v1") ? Map.of("model", "whisper-1") : Map.of("field_type", fieldType);
  }

  private static Buffer form(Map<String, String> fields, String fileName, Buffer file) {
    Buffer body = Buffer.buffer();
    fields.forEach((name, value) -> body.appendString("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\n\r\n" + value + "\r\n"));
    if (fileName != null) {
      body.appendString("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fileName
          + "\"; filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n").appendBuffer(file).appendString("\r\n");
    }
    return body.appendString("--" + BOUNDARY + "--\r\n");
  }
}
