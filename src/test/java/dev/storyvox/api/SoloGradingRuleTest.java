package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.llm.FakeChatServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grading that agrees with itself, through the OpenAI-compatible backend scripted to return extreme scores and
 * keyword lists that contradict the evidence: the final score stays within the band around the coverage score, an
 * unrelated answer scores at most 20, the level follows the final score and the keyword lists are the evidence.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SoloGradingRuleTest {

  Vertx vertx;
  FakeChatServer chat;
  SoloApiClient solo;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    chat = new FakeChatServer().start(vertx).await(10, TimeUnit.SECONDS);
    JsonObject llm = new JsonObject().put("backend", "openai").put("openai", new JsonObject()
        .put("baseUrl", chat.baseUrl()).put("apiKey", FakeChatServer.KEY).put("model", "qwen"));
    int port = TestServer.start(vertx, new JsonObject().put("llm", llm)).await(30, TimeUnit.SECONDS);
    solo = new SoloApiClient(vertx, TestServer.client(vertx, port), port);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void anUnrelatedAnswerGradedPerfectScoresAtMostTwenty() throws Exception {
    JsonObject result = grade(21, "오늘은 날씨가 좋아서 친구랑 공원에서 자전거를 탔어요.", 100, 5);
    assertEquals(0.0, result.getJsonObject("evidence").getDouble("coverage"), result.encode());
    assertEquals(20, result.getInteger("overall_score"));
    assertEquals(2, result.getInteger("level"));
    assertKeywordsAreTheEvidence(result);
  }

  @Test
  void aFullyCoveringAnswerGradedZeroIsRaisedToTheBand() throws Exception {
    JsonObject result = grade(22, "프로세스는 컴퓨터에서 실행 중인 프로그램이고 메모리 영역은 코드, 데이터, 스택, 힙으로 "
        + "나뉘어요.", 0, 1);
    assertEquals(1.0, result.getJsonObject("evidence").getDouble("coverage"), result.encode());
    assertEquals(75, result.getInteger("overall_score"));
    assertEquals(4, result.getInteger("level"));
    assertKeywordsAreTheEvidence(result);
  }

  @Test
  void aPartialAnswerGradedAtTheExtremesStaysWithinTheBand() throws Exception {
    String text = "프로세스는 실행 중인 프로그램이에요.";
    JsonObject high = grade(23, text, 100, 5);
    JsonObject low = grade(24, text, 0, 1);
    int coverage = (int) Math.round(high.getJsonObject("evidence").getDouble("coverage") * 100);
    assertTrue(coverage >= 15 && coverage < 100, high.encode());
    assertEquals(Math.min(100, coverage + 25), high.getInteger("overall_score"));
    assertEquals(Math.max(0, coverage - 25), low.getInteger("overall_score"));
    assertEquals(Math.min(5, high.getInteger("overall_score") / 20 + 1), high.getInteger("level"));
    assertEquals(Math.min(5, low.getInteger("overall_score") / 20 + 1), low.getInteger("level"));
  }

  private JsonObject grade(long attemptId, String text, int score, int level) throws Exception {
    chat.reply = "{\"overall_score\": " + score + ", \"level\": " + level + ", \"feedback\": {\"summarize\": \"요약\", "
        + "\"keyword\": [[\"엉뚱한 말\"], [\"없는 말\"]], \"facts\": \"사실\", \"understanding\": \"이해\", "
        + "\"personalized\": \"조언\"}}";
    solo.submit(SoloApiClient.body(attemptId, text)).await(10, TimeUnit.SECONDS);
    JsonObject done = solo.poll(attemptId, s -> s.getString("status").equals("COMPLETED")).await(30, TimeUnit.SECONDS);
    JsonObject result = done.getJsonObject("result");
    SoloApiClient.assertResultShape(result);
    return result;
  }

  private static void assertKeywordsAreTheEvidence(JsonObject result) {
    JsonObject evidence = result.getJsonObject("evidence");
    assertEquals(new JsonArray().add(evidence.getJsonArray("includedTerms")).add(evidence.getJsonArray("missedTerms")),
        result.getJsonObject("feedback").getJsonArray("keyword"));
  }
}
