package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.llm.FakeChatServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Solo grading and {@code /ready} with the OpenAI-compatible backend, and with a local model that is missing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SoloApiBackendsTest {

  static final String FEEDBACK = "{\"overall_score\": 64, \"level\": 3, \"feedback\": {\"summarize\": \"요약\", "
      + "\"keyword\": [[\"프로세스\"], [\"IPC\"]], \"facts\": \"정확합니다\", \"understanding\": \"기본 이해\", "
      + "\"personalized\": \"좋아요\"}}";

  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    TestWaits.close(vertx);
  }

  @Test
  void theOpenAiBackendGradesThroughTheChatServer() throws Exception {
    FakeChatServer chat = new FakeChatServer(FakeChatServer.Flavor.LLAMA_SERVER).start(vertx).await(10, TimeUnit.SECONDS);
    chat.reply = FEEDBACK;
    chat.failFirst = 1;
    JsonObject llm = new JsonObject().put("backend", "openai").put("openai", new JsonObject()
        .put("baseUrl", chat.baseUrl()).put("apiKey", FakeChatServer.KEY).put("model", "qwen"));
    int port = TestServer.start(vertx, new JsonObject().put("llm", llm)).await(30, TimeUnit.SECONDS);
    WebClient client = TestServer.client(vertx, port);
    SoloApiClient solo = new SoloApiClient(vertx, client, port);

    assertEquals(202, solo.submit(SoloApiClient.body(7, "프로세스는 실행 중인 프로그램입니다.")).await(10, TimeUnit.SECONDS)
        .statusCode());
    JsonObject done = solo.poll(7, s -> s.getString("status").equals("COMPLETED")).await(30, TimeUnit.SECONDS);
    JsonObject result = done.getJsonObject("result");
    SoloApiClient.assertResultShape(result);
    assertEquals(64, result.getInteger("overall_score"), "64 lies within the band around the coverage score");
    assertEquals("요약", result.getJsonObject("feedback").getString("summarize"));
    assertEquals(2, chat.bodies.size(), "the first 500 was retried");
    String prompt = chat.bodies.get(1).getJsonArray("messages").getJsonObject(1).getString("content");
    assertTrue(prompt.contains("빠진 핵심어:") && prompt.contains("첫 시도"), prompt);
    assertTrue(chat.bodies.get(1).getString("grammar").contains("overall_score"));

    JsonObject ready = client.get("/ready").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
    JsonObject llmState = ready.getJsonObject("capabilities").getJsonObject("llm");
    assertEquals("READY", llmState.getString("state"), ready.encode());
    assertTrue(llmState.getString("reason").contains(chat.baseUrl()), llmState.encode());
  }

  @Test
  void aThinkingModelOnAServerThatIgnoresTheStructureStillGrades() throws Exception {
    FakeChatServer chat = new FakeChatServer().start(vertx).await(10, TimeUnit.SECONDS);
    chat.reply = FEEDBACK;
    chat.thinks = true;
    JsonObject llm = new JsonObject().put("backend", "openai").put("openai", new JsonObject()
        .put("baseUrl", chat.baseUrl()).put("apiKey", FakeChatServer.KEY).put("model", "qwen3"));
    int port = TestServer.start(vertx, new JsonObject().put("llm", llm)).await(30, TimeUnit.SECONDS);
    SoloApiClient solo = new SoloApiClient(vertx, TestServer.client(vertx, port), port);

    solo.submit(SoloApiClient.body(9, "프로세스는 실행 중인 프로그램입니다.")).await(10, TimeUnit.SECONDS);
    JsonObject done = solo.poll(9, s -> Set.of("COMPLETED", "FAILED").contains(s.getString("status"))).await(30, TimeUnit.SECONDS);
    assertEquals("COMPLETED", done.getString("status"), done.encode());
    assertEquals(64, done.getJsonObject("result").getInteger("overall_score"));
    assertEquals(1, chat.bodies.size(), "the fenced answer after the think block parsed the first time");
    JsonObject format = chat.bodies.get(0).getJsonObject("response_format");
    assertTrue(format.getJsonObject("json_schema").getJsonObject("schema").getJsonObject("properties")
        .containsKey("overall_score"), format.encode());
  }

  @Test
  void aMissingModelIsNamedByReadyAndFailsGradingButNotTheShortTextRule() throws Exception {
    Path missing = TestServer.tempDir("no-model").resolve("absent.gguf");
    JsonObject llm = new JsonObject().put("model", missing.toString());
    int port = TestServer.start(vertx, new JsonObject().put("llm", llm)).await(30, TimeUnit.SECONDS);
    WebClient client = TestServer.client(vertx, port);
    SoloApiClient solo = new SoloApiClient(vertx, client, port);

    JsonObject llmState = solo.pollReady(client).await(20, TimeUnit.SECONDS);
    assertEquals("UNAVAILABLE", llmState.getString("state"));
    assertTrue(llmState.getString("reason").contains(missing.toString()), llmState.encode());

    solo.submit(SoloApiClient.body(8, "프로세스는 실행 중인 프로그램입니다.")).await(10, TimeUnit.SECONDS);
    JsonObject failed = solo.poll(8, s -> s.getString("status").equals("FAILED")).await(30, TimeUnit.SECONDS);
    assertEquals("MODEL_UNAVAILABLE", failed.getJsonObject("error").getString("code"));
    assertTrue(failed.getJsonObject("error").getString("message").contains(missing.toString()), failed.encode());

    solo.submit(SoloApiClient.body(9, "몰라요")).await(10, TimeUnit.SECONDS);
    JsonObject shortText = solo.poll(9, s -> s.getString("status").equals("COMPLETED")).await(30, TimeUnit.SECONDS);
    assertEquals(0, shortText.getJsonObject("result").getInteger("overall_score"));
  }
}
