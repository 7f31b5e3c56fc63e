package dev.storyvox.api;

import static dev.storyvox.api.HttpVerticleTest.assertImymeError;
import static dev.storyvox.api.HttpVerticleTest.assertOpenAiError;
import static dev.storyvox.api.HttpVerticleTest.assertPlainError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.storyvox.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code auth.internalSecret}: off lets everyone in; on guards /api/** and /v1/** but not operations. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class AuthHandlerTest {

  private static final String SECRET = "s3cret-9f2b";

  @Test
  void withASecretApiRoutesNeedTheHeader(Vertx vertx, VertxTestContext ctx) {
    JsonObject auth = new JsonObject().put("auth", new JsonObject().put("internalSecret", SECRET));
    TestServer.start(vertx, auth).onComplete(ctx.succeeding(port -> {
      WebClient client = TestServer.client(vertx, port);
      client.get("/api/runs").send()
          .compose(r -> {
            ctx.verify(() -> assertPlainError(r, 401, "UNAUTHORIZED"));
            return client.get("/api/v1/gpu/status").putHeader(AuthHandler.HEADER, "wrong").send();
          })
          .compose(r -> {
            ctx.verify(() -> assertImymeError(r, 401, "UNAUTHORIZED"));
            return client.get("/v1/models").send();
          })
          .compose(r -> {
            ctx.verify(() -> assertOpenAiError(r, 401));
            return client.get("/api/runs").putHeader(AuthHandler.HEADER, SECRET).send();
          })
          .compose(r -> {
            ctx.verify(() -> assertNotEquals(401, r.statusCode(), "the right secret passes"));
            return client.get("/health").send();
          })
          .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            assertEquals(200, r.statusCode(), "operations routes need no secret");
            ctx.completeNow();
          })));
    }));
  }

  @Test
  void withoutASecretNoHeaderIsNeeded(Vertx vertx, VertxTestContext ctx) {
    TestServer.start(vertx, new JsonObject()).onComplete(ctx.succeeding(port ->
        TestServer.client(vertx, port).get("/api/runs").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertNotEquals(401, r.statusCode());
          ctx.completeNow();
        })))));
  }
}
