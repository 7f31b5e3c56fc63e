package dev.storyvox.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile audio URLs through {@code POST /api/v1/transcriptions}: loopback in every spelling and by names
 * that resolve locally ({@code /etc/hosts} only, no outside DNS), redirect chains into loopback, a body
 * dripped one byte a second, and a gzip bomb. Each is refused or cut off in bounded time, and a refused
 * address is never dialled. Only a loopback origin of this test is ever contacted.
 */
@Tag("robustness")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DownloadGuardTest {

  private static final long TIMEOUT_MS = 2_000;
  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger connections = new AtomicInteger();
  private HttpServer origin;
  private WebClient client;

  @AfterEach
  void stop() {
    TestWaits.close(vertx);
  }

  @Test
  void loopbackByAnyNameOrSpellingIsRefusedWithoutDialling() {
    start(false, List.of());
    int port = origin.actualPort();
    for (String host : List.of("localhost", "LOCALHOST", "localhost.", "vm", "runsc", "127.0.0.1", "127.1", "2130706433",
        "0x7f000001", "0177.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "0.0.0.0", "[::]", "user:pw@127.0.0.1")) {
      HttpResponse<Buffer> r = transcribe("http://" + host + ":" + port + "/audio.wav");
      assertEquals(400, r.statusCode(), host + ": " + r.bodyAsString());
      assertEquals("INVALID_URL", r.bodyAsJsonObject().getJsonObject("error").getString("code"), host);
      assertNull(ErrorShapes.problem("/api/v1/transcriptions", 400, r.body()));
    }
    assertEquals(0, connections.get(), "no refused address was dialled");
  }

  @Test
  void aRedirectChainFromAnAllowedHostIntoLoopbackIsRefusedAtTheHop() {
    start(false, List.of("localhost"));
    HttpResponse<Buffer> r = transcribe("http://localhost:" + origin.actualPort() + "/hop/3");
    assertEquals(500, r.statusCode(), r.bodyAsString());
    assertEquals("DOWNLOAD_FAILURE", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertTrue(r.bodyAsString().contains("refused address 127.0.0.1"), r.bodyAsString());
    assertEquals(3, connections.get(), "three hops through localhost, none to 127.0.0.1");
  }

  @Test
  void aBodyDrippedOneByteASecondIsCutOffAtTheDownloadTimeout() {
    start(true, List.of());
    long started = System.nanoTime();
    HttpResponse<Buffer> r = transcribe("http://127.0.0.1:" + origin.actualPort() + "/drip");
    long ms = (System.nanoTime() - started) / 1_000_000;
    assertTrue(r.statusCode() == 500 || r.statusCode() == 504, r.bodyAsString());
    assertNull(ErrorShapes.problem("/api/v1/transcriptions", r.statusCode(), r.body()));
    assertTrue(ms < TIMEOUT_MS + 3_000, "cut off after " + ms + " ms (download.timeoutMs " + TIMEOUT_MS + ")");
  }

  @Test
  void aGzipBombIsReadCompressedAndNeverExpanded() throws Exception {
    start(true, List.of());
    long started = System.nanoTime();
    HttpResponse<Buffer> r = transcribe("http://127.0.0.1:" + origin.actualPort() + "/bomb");
    long ms = (System.nanoTime() - started) / 1_000_000;
    assertEquals(400, r.statusCode(), r.bodyAsString());
    assertEquals("UNSUPPORTED_FORMAT", r.bodyAsJsonObject().getJsonObject("error").getString("code"), r.bodyAsString());
    assertTrue(ms < 5_000, "answered after " + ms + " ms");
  }

  private HttpResponse<Buffer> transcribe(String url) {
    return TestWaits.await(client.post("/api/v1/transcriptions").timeout(30_000)
        .sendJsonObject(new JsonObject().put("audioUrl", url).put("language", "en")));
  }

  private void start(boolean allowPrivate, List<String> allowedHosts) {
    Buffer bomb = gzipOfZeros(512 << 20);
    origin = TestWaits.await(vertx.createHttpServer().connectionHandler(c -> connections.incrementAndGet()).requestHandler(req -> {
      String path = req.path();
      if (path.startsWith("/hop/")) {
        int left = Integer.parseInt(path.substring(5));
        String next = left > 1 ? "http://localhost:" + origin.actualPort() + "/hop/" + (left - 1)
            : "http://127.0.0.1:" + origin.actualPort() + "/audio.wav";
        req.response().setStatusCode(302).putHeader("location", next).end();
      } else if (path.equals("/drip")) {
        req.response().setChunked(true).putHeader("content-type", "audio/wav").write("R");
        long timer = vertx.setPeriodic(1_000, id -> req.response().write("I"));
        req.connection().closeHandler(v -> vertx.cancelTimer(timer));
      } else if (path.equals("/bomb")) {
        req.response().putHeader("content-type", "audio/wav").putHeader("content-encoding", "gzip").end(bomb);
      } else {
        req.response().putHeader("content-type", "audio/wav").end(Buffer.buffer("RIFF").appendBuffer(Buffer.buffer(new byte[4092])));
      }
    }).listen(0, "127.0.0.1"));
    JsonObject overrides = new JsonObject()
        .put("stt", new JsonObject().put("model", "/nonexistent/whisper.bin"))
        .put("download", new JsonObject().put("allowPrivateNetworks", allowPrivate).put("timeoutMs", TIMEOUT_MS)
            .put("maxBytes", 4 << 20).put("allowedHosts", new JsonArray(allowedHosts)));
    client = TestServer.client(vertx, TestWaits.await(TestServer.start(vertx, overrides)));
  }

  private static Buffer gzipOfZeros(int size) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream(); GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < size / zeros.length; i++) {
        gzip.write(zeros);
      }
      gzip.finish();
      return Buffer.buffer(out.toByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
