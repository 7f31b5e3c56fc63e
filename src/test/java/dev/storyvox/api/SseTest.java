package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SSE stream: frames, keepalives, and ending promptly when the server shuts down. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class SseTest {

  @Test
  void framesEventsAndEndsWhenTheServerShutsDown(Vertx vertx, VertxTestContext ctx) {
    Router router = Router.router(vertx);
    router.get("/events").handler(rc -> Sse.open(vertx, rc, 50).send("update", "7", "{\"a\":1}\n{\"b\":2}"));
    HttpClient http = vertx.createHttpClient();
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onComplete(ctx.succeeding(server ->
        http.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/events")
            .compose(req -> req.send())
            .onComplete(ctx.succeeding(response -> {
              Buffer body = Buffer.buffer();
              response.handler(body::appendBuffer);
              response.endHandler(v -> ctx.verify(() -> {
                String text = body.toString();
                assertEquals("text/event-stream; charset=utf-8", response.getHeader("content-type"));
                assertTrue(text.contains("id: 7\nevent: update\ndata: {\"a\":1}\ndata: {\"b\":2}\n\n"), text);
                assertTrue(text.contains(": keepalive\n\n"), text);
                ctx.completeNow();
              }));
              vertx.setTimer(300, t -> shutdownQuickly(server, ctx));
            }))));
  }

  private static void shutdownQuickly(HttpServer server, VertxTestContext ctx) {
    long start = System.nanoTime();
    server.shutdown(10, TimeUnit.SECONDS).onComplete(ctx.succeeding(v -> ctx.verify(() ->
        assertTrue((System.nanoTime() - start) / 1_000_000 < 3000, "an open stream does not hold the shutdown"))));
  }
}
