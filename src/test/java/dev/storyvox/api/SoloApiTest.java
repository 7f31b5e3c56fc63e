package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IMYME solo feedback through HTTP with the real llama.cpp engine on stories260K: the tiny model writes
 * nonsense, but the grammar keeps the result in the contract's shape.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SoloApiTest {

  static final long WAIT_S = 90;
  static final String EXPLANATION = "프로세스는 실행 중인 프로그램이고 Code, Data, Stack, Heap 영역을 가집니다.";

  static Vertx vertx;
  static SoloApiClient solo;
  static HttpServer callbackServer;
  static final AtomicInteger callbackCalls = new AtomicInteger();
  static final Promise<JsonObject> callbackBody = Promise.promise();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    callbackServer = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      boolean first = callbackCalls.incrementAndGet() == 1;
      request.response().setStatusCode(first ? 500 : 204).end();
      if (!first) {
        callbackBody.tryComplete(body.toJsonObject());
      }
    })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    JsonObject overrides = new JsonObject()
        .put("llm", new JsonObject().put("model", TestData.model("stories260Ktok512.gguf").toString())
            .put("threads", 1).put("contextSize", 8192))
        .put("download", new JsonObject().put("allowPrivateNetworks", true));
    int port = TestServer.start(vertx, overrides).await(30, TimeUnit.SECONDS);
    solo = new SoloApiClient(vertx, TestServer.client(vertx, port), port);
  }

  @AfterAll
  static void stop() throws Exception {
    TestWaits.close(vertx);
  }

  @Test
  void submissionsAreGradedPolledStreamedAndCalledBack() throws Exception {
    JsonObject first = SoloApiClient.body(101, EXPLANATION)
        .put("callbackUrl", "http://127.0.0.1:" + callbackServer.actualPort() + "/graded");
    HttpResponse<Buffer> accepted = solo.submit(first).await(10, TimeUnit.SECONDS);
    assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
    assertEquals(new JsonObject().put("success", true)
        .put("data", new JsonObject().put("attemptId", 101).put("status", "PENDING")).putNull("error"),
        accepted.bodyAsJsonObject());
    assertEquals(SoloApiClient.PATH + "/101", accepted.getHeader("Location"));

    JsonObject second = SoloApiClient.body(102, EXPLANATION).put("history", new JsonArray().add(new JsonObject()
        .put("attemptId", 90).put("result", new JsonObject().put("overall_score", 40).put("level", 2))));
    assertEquals(202, solo.submit(second).await(10, TimeUnit.SECONDS).statusCode());
    Future<List<JsonObject>> stream = solo.events(102);
    HttpResponse<Buffer> duplicate = solo.submit(second).await(10, TimeUnit.SECONDS);
    assertEquals(409, duplicate.statusCode());
    assertEquals("DUPLICATE_ATTEMPT", duplicate.bodyAsJsonObject().getJsonObject("error").getString("code"));

    JsonObject graded = solo.poll(101, s -> !s.getString("status").matches("PENDING|PROCESSING"))
        .await(WAIT_S, TimeUnit.SECONDS);
    assertEquals("COMPLETED", graded.getString("status"), graded.encode());
    SoloApiClient.assertResultShape(graded.getJsonObject("result"));
    assertTrue(graded.getJsonObject("result").getJsonObject("evidence").getJsonArray("includedTerms")
        .contains("Stack"), graded.encode());

    JsonObject delivered = callbackBody.future().await(30, TimeUnit.SECONDS);
    assertEquals(2, callbackCalls.get(), "the first callback answer was 500, so it is delivered on the retry");
    assertEquals(new JsonObject().put("success", true).put("data", graded).putNull("error"), delivered);

    List<JsonObject> events = stream.await(WAIT_S, TimeUnit.SECONDS);
    assertEquals(List.of("PENDING", "PROCESSING", "COMPLETED"), SoloApiClient.statuses(events));
    SoloApiClient.assertResultShape(events.get(2).getJsonObject("result"));
  }

  @Test
  void aReconnectToAFinalSubmissionGetsWhatItMissedThen204() throws Exception {
    assertEquals(202, solo.submit(SoloApiClient.body(401, "  짧은 답 ")).await(10, TimeUnit.SECONDS).statusCode());
    solo.poll(401, s -> s.getString("status").equals("COMPLETED")).await(WAIT_S, TimeUnit.SECONDS);
    SoloApiClient.SoloStream fresh = solo.stream(401, null).await(10, TimeUnit.SECONDS);
    assertEquals(200, fresh.status());
    assertEquals(List.of("2"), fresh.ids(), "a final state is event id 2");
    assertEquals(List.of("COMPLETED"), SoloApiClient.statuses(fresh.events()));
    SoloApiClient.SoloStream missed = solo.stream(401, "1").await(10, TimeUnit.SECONDS);
    assertEquals(200, missed.status());
    assertEquals(List.of("2"), missed.ids(), "a client that saw PROCESSING gets the final state, then the end");
    SoloApiClient.SoloStream everything = solo.stream(401, "2").await(10, TimeUnit.SECONDS);
    assertEquals(204, everything.status(), "a client that has the final state is told to stop reconnecting");
    assertEquals(List.of(), everything.events());
  }

  @Test
  void aFinishedAttemptMayBeSubmittedAgainAndIsReplaced() throws Exception {
    assertEquals(202, solo.submit(SoloApiClient.body(201, "짧다")).await(10, TimeUnit.SECONDS).statusCode());
    JsonObject done = solo.poll(201, s -> s.getString("status").equals("COMPLETED")).await(WAIT_S, TimeUnit.SECONDS);
    assertEquals(202, solo.submit(SoloApiClient.body(201, "네")).await(10, TimeUnit.SECONDS).statusCode());
    JsonObject again = solo.poll(201, s -> s.getString("status").equals("COMPLETED")
        && !s.getString("createdAt").equals(done.getString("createdAt"))).await(WAIT_S, TimeUnit.SECONDS);
    assertEquals(0, again.getJsonObject("result").getInteger("overall_score"));
  }

  @Test
  void tooShortExplanationsScoreZeroWithAFixedKoreanExplanation() throws Exception {
    assertEquals(202, solo.submit(SoloApiClient.body(301, "  짧은 답 ")).await(10, TimeUnit.SECONDS).statusCode());
    List<JsonObject> events = solo.events(301).await(WAIT_S, TimeUnit.SECONDS);
    JsonObject last = events.get(events.size() - 1);
    assertEquals("COMPLETED", last.getString("status"), events.toString());
    JsonObject result = last.getJsonObject("result");
    SoloApiClient.assertResultShape(result);
    assertEquals(0, result.getInteger("overall_score"));
    assertEquals(1, result.getInteger("level"));
    assertEquals("설명이 너무 짧아 채점할 수 없습니다.", result.getJsonObject("feedback").getString("summarize"));
    assertEquals(0.0, result.getJsonObject("evidence").getDouble("coverage"));
    assertFalse(result.getJsonObject("evidence").getJsonArray("missedTerms").isEmpty());
    assertNull(last.getValue("error"));
  }

  @Test
  void unknownAttemptsAre404TaskNotFound() throws Exception {
    HttpResponse<Buffer> missing = solo.get(999_999).await(10, TimeUnit.SECONDS);
    assertEquals(404, missing.statusCode());
    JsonObject body = missing.bodyAsJsonObject();
    assertEquals(false, body.getBoolean("success"));
    assertEquals("TASK_NOT_FOUND", body.getJsonObject("error").getString("code"));
    Throwable streamed = solo.events(999_999).transform(ar -> Future.succeededFuture(ar.cause()))
        .await(10, TimeUnit.SECONDS);
    assertEquals("events answered 404", streamed.getMessage());
  }
}
