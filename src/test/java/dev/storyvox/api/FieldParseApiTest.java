package dev.storyvox.api;

import static dev.storyvox.api.HttpVerticleTest.assertPlainError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Storybook's {@code POST /api/fields/parse}: typed answers through the field parser, bad bodies in the family shape. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class FieldParseApiTest {

  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    TestServer.start(vertx, new JsonObject()).onComplete(ctx.succeeding(port -> {
      client = TestServer.client(vertx, port);
      ctx.completeNow();
    }));
  }

  @Test
  void typedCharactersAreSplitAndJoined(VertxTestContext ctx) {
    post(new JsonObject().put("field_type", "characters").put("text", "음 뽀로로랑 크롱이요"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode(), r.bodyAsString());
          assertEquals(new JsonObject().put("field_type", "characters").put("parsed_value", "뽀로로, 크롱"),
              r.bodyAsJsonObject());
          ctx.completeNow();
        })));
  }

  @Test
  void eachFieldUsesItsRules(VertxTestContext ctx) {
    post(new JsonObject().put("field_type", "era").put("text", "호랑이 담배 피우던 시절이요"))
        .compose(r -> {
          ctx.verify(() -> assertEquals("옛날", r.bodyAsJsonObject().getString("parsed_value")));
          return post(new JsonObject().put("field_type", "place").put("text", "학교에서 놀고 싶어요"));
        })
        .compose(r -> {
          ctx.verify(() -> assertEquals("학교", r.bodyAsJsonObject().getString("parsed_value")));
          return post(new JsonObject().put("field_type", "topic").put("text", "시청해 주셔서 감사합니다."));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode());
          assertEquals("", r.bodyAsJsonObject().getString("parsed_value"));
          ctx.completeNow();
        })));
  }

  @Test
  void anUnknownFieldTypeIsRefusedInTheStorybookShape(VertxTestContext ctx) {
    post(new JsonObject().put("field_type", "weather").put("text", "맑음"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertPlainError(r, 400, "INVALID_REQUEST");
          ctx.completeNow();
        })));
  }

  @Test
  void missingTextAndNonJsonBodiesAreRefused(VertxTestContext ctx) {
    post(new JsonObject().put("field_type", "place"))
        .compose(r -> {
          ctx.verify(() -> {
            assertPlainError(r, 400, "INVALID_REQUEST");
            assertTrue(r.bodyAsJsonObject().getJsonObject("error").getString("message").contains("text"),
                r.bodyAsString());
          });
          return client.post("/api/fields/parse").putHeader("content-type", "application/json")
              .sendBuffer(Buffer.buffer("{not json"));
        })
        .compose(r -> {
          ctx.verify(() -> assertPlainError(r, 400, "INVALID_REQUEST"));
          return post(new JsonObject().put("field_type", "place").put("text", "숲".repeat(501)));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertPlainError(r, 400, "INVALID_REQUEST");
          ctx.completeNow();
        })));
  }

  private static Future<HttpResponse<Buffer>> post(JsonObject body) {
    return client.post("/api/fields/parse").sendJsonObject(body);
  }
}
