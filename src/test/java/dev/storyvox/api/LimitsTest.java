package dev.storyvox.api;

import static dev.storyvox.api.HttpVerticleTest.assertPlainError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.config.LimitsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Per-client rate limiting and the cap on open event streams. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class LimitsTest {

  @Test
  void aClientOverItsBucketGets429WithRetryAfterWhileOthersAndOperationsPass(Vertx vertx, VertxTestContext ctx) {
    JsonObject limits = new JsonObject().put("limits", new JsonObject().put("requestsPerSecond", 0.5).put("burst", 3));
    TestServer.start(vertx, limits).onComplete(ctx.succeeding(port -> {
      WebClient client = TestServer.client(vertx, port);
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < 3; i++) {
        chain = chain.compose(v -> client.get("/api/runs").send()
            .map(r -> {
              ctx.verify(() -> assertNotEquals(429, r.statusCode()));
              return null;
            }));
      }
      chain.compose(v -> client.get("/api/runs").send())
          .compose(r -> {
            ctx.verify(() -> {
              assertPlainError(r, 429, "RATE_LIMITED");
              assertTrue(Integer.parseInt(r.getHeader("Retry-After")) >= 1);
            });
            return client.get("/api/runs").bearerTokenAuthentication("another-client").send();
          })
          .compose(r -> {
            ctx.verify(() -> assertNotEquals(429, r.statusCode(), "each API key has its own bucket"));
            return client.get("/health").send();
          })
          .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            assertEquals(200, r.statusCode(), "operations routes are not rate limited");
            ctx.completeNow();
          })));
    }));
  }

  @Test
  void tokensRefillAtTheConfiguredRate() {
    RateLimiter limiter = new RateLimiter(new LimitsConfig(2, 1));
    assertEquals(0, limiter.take("a", 0));
    assertEquals(0.5, limiter.take("a", 0), 1e-9);
    assertEquals(0, limiter.take("a", 500_000_000L), "half a second refills one token at 2/s");
  }

  @Test
  void streamsBeyondTheCapAnswer503UntilOneCloses(Vertx vertx, VertxTestContext ctx) {
    SseGate gate = new SseGate(1);
    Router router = Router.router(vertx);
    router.get("/events").handler(gate).handler(rc -> Sse.open(vertx, rc, 60_000));
    router.route().failureHandler(new FailureHandler());
    HttpClient http = vertx.createHttpClient();
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onComplete(ctx.succeeding(server -> {
      int port = server.actualPort();
      open(http, port)
          .compose(first -> open(http, port).compose(second -> {
            ctx.verify(() -> {
              assertEquals(200, first.statusCode());
              assertEquals(503, second.statusCode());
              assertEquals(1, gate.open());
            });
            return first.request().connection().close();
          }))
          .compose(v -> vertx.timer(200))
          .compose(v -> open(http, port))
          .onComplete(ctx.succeeding(third -> ctx.verify(() -> {
            assertEquals(200, third.statusCode(), "a closed stream frees its place");
            ctx.completeNow();
          })));
    }));
  }

  private static Future<HttpClientResponse> open(HttpClient http, int port) {
    return http.request(HttpMethod.GET, port, "127.0.0.1", "/events").compose(req -> req.send());
  }
}
