package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server's edge: operations routes, docs, 404/405/413/501 and each family's error shape. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class HttpVerticleTest {

  private WebClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    JsonObject overrides = new JsonObject().put("http", new JsonObject().put("maxBodyBytes", 4096));
    TestServer.start(vertx, overrides).onComplete(ctx.succeeding(port -> {
      client = TestServer.client(vertx, port);
      ctx.completeNow();
    }));
  }

  @Test
  void healthAnswersStatusVersionAndUptime(VertxTestContext ctx) {
    client.get("/health").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode());
      JsonObject body = r.bodyAsJsonObject();
      assertEquals("ok", body.getString("status"));
      assertEquals("0.1.0", body.getString("version"));
      assertTrue(body.getLong("uptimeSeconds") >= 0);
      assertNotNull(r.getHeader(RequestIds.HEADER));
      ctx.completeNow();
    })));
  }

  @Test
  void rootAnswersTheHealthJsonToApiClients(VertxTestContext ctx) {
    client.get("/").putHeader("accept", "application/json").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode());
      assertEquals("ok", r.bodyAsJsonObject().getString("status"));
      ctx.completeNow();
    })));
  }

  @Test
  void readyReportsEveryCapabilityWithAReason(VertxTestContext ctx) {
    client.get("/ready").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      JsonObject caps = r.bodyAsJsonObject().getJsonObject("capabilities");
      for (String cap : OpsApi.CAPABILITIES) {
        JsonObject state = caps.getJsonObject(cap);
        assertNotNull(state, cap);
        assertTrue(state.getString("state").matches("READY|LOADING|UNAVAILABLE|DISABLED"), state.encode());
        assertFalse(state.getString("reason").isBlank());
      }
      assertEquals("DISABLED", caps.getJsonObject("runpod").getString("state"));
      boolean allReady = caps.stream().allMatch(e -> ((JsonObject) e.getValue()).getString("state")
          .matches("READY|DISABLED"));
      assertEquals(allReady ? 200 : 503, r.statusCode());
      assertEquals(allReady, r.bodyAsJsonObject().getBoolean("ready"));
      ctx.completeNow();
    })));
  }

  @Test
  void contractAndDocsAreServedOffline(VertxTestContext ctx) {
    client.get("/openapi.yaml").send()
        .compose(r -> {
          ctx.verify(() -> {
            assertEquals(200, r.statusCode());
            assertTrue(r.getHeader("content-type").startsWith("application/yaml"));
            assertTrue(r.bodyAsString().startsWith("openapi: 3.1"), "contract is OpenAPI 3.1");
            assertTrue(r.bodyAsString().contains("operationId: soloSubmit"));
          });
          return client.get("/docs").send();
        })
        .compose(r -> {
          ctx.verify(() -> {
            assertEquals(200, r.statusCode());
            assertTrue(r.bodyAsString().contains("swagger-ui-bundle.js"));
          });
          return client.get("/docs/assets/swagger-ui-bundle.js").send();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode(), "Swagger UI comes from the webjar, not a CDN");
          assertTrue(r.body().length() > 100_000);
          ctx.completeNow();
        })));
  }

  @Test
  void unknownRoutesAnswer404InTheirFamilyShape(VertxTestContext ctx) {
    client.get("/api/v1/nothing").send()
        .compose(r -> {
          ctx.verify(() -> assertImymeError(r, 404, "NOT_FOUND"));
          return client.get("/api/nothing").send();
        })
        .compose(r -> {
          ctx.verify(() -> assertPlainError(r, 404, "NOT_FOUND"));
          return client.get("/v1/nothing").send();
        })
        .compose(r -> {
          ctx.verify(() -> assertOpenAiError(r, 404));
          return client.get("/nothing").send();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertPlainError(r, 404, "NOT_FOUND");
          ctx.completeNow();
        })));
  }

  @Test
  void wrongMethodAnswers405(VertxTestContext ctx) {
    client.delete("/health").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertPlainError(r, 405, "METHOD_NOT_ALLOWED");
      ctx.completeNow();
    })));
  }

  @Test
  void bodyOverTheLimitAnswers413(VertxTestContext ctx) {
    String big = "프".repeat(3000);
    JsonObject body = new JsonObject().put("attemptId", 1).put("userText", big)
        .put("criteria", new JsonObject().put("keyword", "Process").put("modelAnswer", "x"));
    client.post("/api/v1/solo/submissions").sendJsonObject(body).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertImymeError(r, 413, "PAYLOAD_TOO_LARGE");
      ctx.completeNow();
    })));
  }

  static void assertImymeError(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("content-type").startsWith("application/json"));
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(false, body.getBoolean("success"));
    assertTrue(body.containsKey("data") && body.getValue("data") == null);
    assertEquals(code, body.getJsonObject("error").getString("code"));
    assertFalse(body.getJsonObject("error").getString("message").isBlank());
    assertTrue(body.getJsonObject("error").containsKey("detail"));
    assertNoStackTrace(r);
  }

  static void assertPlainError(HttpResponse<Buffer> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(code, body.getJsonObject("error").getString("code"));
    assertFalse(body.getJsonObject("error").getString("message").isBlank());
    assertNull(body.getValue("success"));
    assertNoStackTrace(r);
  }

  static void assertOpenAiError(HttpResponse<Buffer> r, int status) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertFalse(error.getString("message").isBlank());
    assertTrue(error.getString("type").endsWith("_error"));
    assertTrue(error.containsKey("param") && error.containsKey("code"));
    assertNoStackTrace(r);
  }

  static void assertNoStackTrace(HttpResponse<Buffer> r) {
    String text = r.bodyAsString();
    assertFalse(text.contains("at dev.storyvox") || text.contains("at io.vertx") || text.contains("Exception"), text);
  }
}
