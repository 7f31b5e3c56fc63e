package dev.storyvox.api;

import static dev.storyvox.api.HttpVerticleTest.assertImymeError;
import static dev.storyvox.api.HttpVerticleTest.assertOpenAiError;
import static dev.storyvox.api.HttpVerticleTest.assertPlainError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every JSON operation of the contract refuses a bad request with 400 naming the bad field. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ContractValidationTest {

  private static final String SOLO = """
      {"attemptId":101,"userText":"프로세스는 현재 실행 중인 프로그램을 의미합니다.",
       "criteria":{"keyword":"Process","modelAnswer":"프로세스(Process)란 컴퓨터에서 실행되고 있는 프로그램을 말합니다."},
       "history":[]}""";

  /** One bad request: where it goes, what it sends, and the field the answer must name. */
  record Case(HttpMethod method, String path, String body, String field) {
  }

  private static final List<Case> CASES = List.of(
      new Case(HttpMethod.POST, "/api/v1/transcriptions", "{}", "audioUrl"),
      new Case(HttpMethod.POST, "/api/v1/transcriptions", "{\"audioUrl\": 5}", "audioUrl"),
      new Case(HttpMethod.POST, "/api/v1/transcriptions", "{\"audioUrl\": \"https://x/a.wav\", \"language\": 7}",
          "language"),
      new Case(HttpMethod.POST, "/api/v1/gpu/warmup", "[1,2]", null),
      new Case(HttpMethod.POST, "/api/v1/solo/submissions", SOLO.replace("101", "\"101\""), "attemptId"),
      new Case(HttpMethod.POST, "/api/v1/solo/submissions", SOLO.replace("\"keyword\":\"Process\",", ""),
          "criteria.keyword"),
      new Case(HttpMethod.POST, "/api/v1/solo/submissions", SOLO.replace("\"history\":[]", "\"history\":{}"),
          "history"),
      new Case(HttpMethod.POST, "/api/v1/solo/submissions", "{not json", null),
      new Case(HttpMethod.GET, "/api/v1/solo/submissions/abc", null, "attemptId"),
      new Case(HttpMethod.GET, "/api/v1/solo/submissions/abc/events", null, "attemptId"),
      new Case(HttpMethod.POST, "/api/runs", "{\"era_ko\":\"현대\",\"place_ko\":\"숲\",\"characters_ko\":\"토끼\"}",
          "topic_ko"),
      new Case(HttpMethod.POST, "/api/runs",
          "{\"era_ko\":\"현대\",\"place_ko\":\"   \",\"characters_ko\":\"토끼\",\"topic_ko\":\"우정\"}", "place_ko"),
      new Case(HttpMethod.POST, "/api/runs",
          "{\"era_ko\":\"현대\",\"place_ko\":\"숲\",\"characters_ko\":\"토끼\",\"topic_ko\":\"우정\",\"tts_enabled\":\"yes\"}",
          "tts_enabled"),
      new Case(HttpMethod.GET, "/api/runs?limit=0", null, "limit"),
      new Case(HttpMethod.GET, "/api/runs?limit=many", null, "limit"));

  private WebClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    TestServer.start(vertx, new JsonObject()).onComplete(ctx.succeeding(port -> {
      client = TestServer.client(vertx, port);
      ctx.completeNow();
    }));
  }

  @Test
  void everyBadRequestIsRefusedNamingTheField(VertxTestContext ctx) {
    Future<Void> chain = Future.succeededFuture();
    for (Case c : CASES) {
      chain = chain.compose(v -> send(c).map(r -> {
        ctx.verify(() -> check(c, r));
        return null;
      }));
    }
    chain.onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void validRequestsToUnbuiltOperationsAnswer501InTheirFamilyShape(VertxTestContext ctx) {
    send(new Case(HttpMethod.POST, "/api/v1/solo/submissions", SOLO, null))
        .compose(r -> {
          ctx.verify(() -> assertNotImplementedOr(r, () -> assertImymeError(r, 501, "NOT_IMPLEMENTED")));
          return send(new Case(HttpMethod.GET, "/api/runs/20260122_130741_a3f2c1", null, null));
        })
        .compose(r -> {
          ctx.verify(() -> assertNotImplementedOr(r, () -> assertPlainError(r, 501, "NOT_IMPLEMENTED")));
          return send(new Case(HttpMethod.GET, "/v1/models", null, null));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertNotImplementedOr(r, () -> assertOpenAiError(r, 501));
          ctx.completeNow();
        })));
  }

  private static void assertNotImplementedOr(HttpResponse<Buffer> r, Runnable check) {
    if (r.statusCode() == 501) {
      check.run();
    } else {
      assertTrue(r.statusCode() < 500, "an implemented operation never answers " + r.statusCode());
    }
  }

  private Future<HttpResponse<Buffer>> send(Case c) {
    var request = client.request(c.method(), c.path());
    return c.body() == null ? request.send()
        : request.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(c.body()));
  }

  private static void check(Case c, HttpResponse<Buffer> r) {
    String where = c.method() + " " + c.path() + " " + c.body();
    if (ApiFamily.of(c.path()) == ApiFamily.IMYME) {
      assertImymeError(r, 400, "INVALID_REQUEST");
      JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
      if (c.field() != null) {
        assertEquals(c.field(), error.getJsonObject("detail").getString("field"), where + " → " + r.bodyAsString());
        assertTrue(error.getString("message").contains(c.field()), where);
      }
    } else {
      assertPlainError(r, 400, "INVALID_REQUEST");
      if (c.field() != null) {
        String message = r.bodyAsJsonObject().getJsonObject("error").getString("message");
        assertTrue(message.contains(c.field()), where + " → " + message);
      }
    }
  }
}
