package dev.storyvox.api;

import static dev.storyvox.api.HttpVerticleTest.assertImymeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.stt.FixtureOrigin;
import dev.storyvox.stt.SttTestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With {@code stt.queueSize: 0} one transcription runs at a time and the others are refused at once. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SttBusyTest {

  private static final int REQUESTS = 4;

  private static WebClient client;
  private static FixtureOrigin origin;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    new FixtureOrigin().start(vertx)
        .compose(started -> {
          origin = started;
          return TestServer.start(vertx, SttTestConfig.overrides("tiny-random-whisper.bin", 0));
        })
        .onComplete(ctx.succeeding(port -> {
          client = TestServer.client(vertx, port);
          ctx.completeNow();
        }));
  }

  @Test
  void concurrentRequestsBeyondTheQueueAreBusy(VertxTestContext ctx) {
    JsonObject body = new JsonObject().put("audioUrl", origin.url("/audio/jfk.wav")).put("language", "en");
    List<Future<HttpResponse<Buffer>>> responses = IntStream.range(0, REQUESTS)
        .mapToObj(i -> client.post("/api/v1/transcriptions").sendJsonObject(body)).toList();
    Future.all(responses).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      long ok = responses.stream().filter(r -> r.result().statusCode() == 200).count();
      List<HttpResponse<Buffer>> busy = responses.stream().map(Future::result)
          .filter(r -> r.statusCode() != 200).toList();
      assertTrue(ok >= 1, "at least one request runs");
      assertTrue(!busy.isEmpty(), "at least one request finds the engine busy");
      busy.forEach(r -> assertImymeError(r, 429, "BUSY"));
      assertEquals(REQUESTS, ok + busy.size());
      ctx.completeNow();
    })));
  }
}
