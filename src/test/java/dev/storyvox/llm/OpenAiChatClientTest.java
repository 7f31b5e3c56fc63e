package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestWaits;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.OpenAiConfig;
import dev.storyvox.config.RetryPolicyConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The OpenAI-compatible backend against a fake chat-completions server on a real port. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenAiChatClientTest {

  /** The {@code retry.llm} policy of these tests: three retries, short waits. */
  static final RetryPolicyConfig RETRY = new RetryPolicyConfig(3, 50, 400, 10_000);
  static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}},\"required\":[\"ok\"]}";

  Vertx vertx;
  FakeChatServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = new FakeChatServer().start(vertx).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    TestWaits.close(vertx);
  }

  OpenAiChatClient client(String key, long timeoutMs) {
    return new OpenAiChatClient(vertx, new OpenAiConfig(server.baseUrl(), key, "qwen", "auto"), timeoutMs, RETRY);
  }

  static LlmRequest schemaRequest() {
    return new LlmRequest("r1", List.of(ChatMessage.system("answer in JSON"), ChatMessage.user("ok?")), null, null,
        SCHEMA, 64, 0.2, 0.9, 1.0, 42, List.of("</s>"), false);
  }

  @Test
  void sendsTheRequestWithItsSchemaAndReadsTheCompletion() throws Exception {
    List<String> pieces = new ArrayList<>();
    LlmReply reply = client(FakeChatServer.KEY, 5000).generate(schemaRequest(), pieces::add, () -> false)
        .await(10, TimeUnit.SECONDS);
    assertEquals("{\"ok\": true}", reply.text());
    assertEquals(List.of(reply.text()), pieces);
    assertEquals(12, reply.promptTokens());
    assertEquals(5, reply.completionTokens());
    assertEquals(LlmReply.STOP, reply.finishReason());
    assertEquals("Bearer " + FakeChatServer.KEY, server.authorizations.get(0));
    JsonObject body = server.bodies.get(0);
    assertEquals("qwen", body.getString("model"));
    assertEquals(new JsonArray().add(new JsonObject().put("role", "system").put("content", "answer in JSON"))
        .add(new JsonObject().put("role", "user").put("content", "ok?")), body.getJsonArray("messages"));
    assertEquals(64, body.getInteger("max_tokens"));
    assertEquals(0.2, body.getDouble("temperature"));
    assertEquals(0.9, body.getDouble("top_p"));
    assertEquals(42, body.getInteger("seed"));
    assertEquals(new JsonArray().add("</s>"), body.getJsonArray("stop"));
    assertEquals(new JsonObject().put("type", "json_schema").put("json_schema", new JsonObject().put("name", "reply")
        .put("schema", new JsonObject(SCHEMA)).put("strict", true)), body.getJsonObject("response_format"));
    assertFalse(body.containsKey("grammar"));
  }

  @Test
  void aGrammarGoesAsLlamaServersGrammarField() throws Exception {
    server = new FakeChatServer(FakeChatServer.Flavor.LLAMA_SERVER).start(vertx).await(10, TimeUnit.SECONDS);
    LlmRequest request = LlmRequest.chat("g", List.of(ChatMessage.user("yes or no?")), "root ::= \"yes\" | \"no\"", 4, -1);
    client(FakeChatServer.KEY, 5000).generate(request, p -> { }, () -> false).await(10, TimeUnit.SECONDS);
    JsonObject body = server.bodies.get(0);
    assertEquals("root ::= \"yes\" | \"no\"", body.getString("grammar"));
    assertFalse(body.containsKey("response_format"));
    assertFalse(body.containsKey("seed"), "a random seed is left to the server");
  }

  @Test
  void aRejectedKeyIsLlmFailureSayingSo() throws Exception {
    ServiceException e = failure(client("wrong", 5000).generate(schemaRequest(), p -> { }, () -> false));
    assertEquals(ErrorCode.LLM_FAILURE, e.code());
    assertEquals("the LLM server rejected the API key", e.getMessage());
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() throws Exception {
    server.failFirst = 2;
    LlmReply reply = client(FakeChatServer.KEY, 5000).generate(schemaRequest(), p -> { }, () -> false)
        .await(10, TimeUnit.SECONDS);
    assertEquals("{\"ok\": true}", reply.text());
    assertEquals(3, server.bodies.size());
  }

  @Test
  void persistentServerErrorsFailAfterTheLastRetry() throws Exception {
    server.failFirst = 100;
    ServiceException e = failure(client(FakeChatServer.KEY, 5000).generate(schemaRequest(), p -> { }, () -> false));
    assertEquals(ErrorCode.LLM_FAILURE, e.code());
    assertTrue(e.getMessage().contains("500") && e.getMessage().contains("overloaded"), e.getMessage());
    assertEquals(RETRY.maxRetries() + 1, server.bodies.size());
  }

  @Test
  void aServerThatDoesNotAnswerInTimeIsLlmFailure() throws Exception {
    server.hang = true;
    ServiceException e = failure(client(FakeChatServer.KEY, 300).generate(schemaRequest(), p -> { }, () -> false));
    assertEquals(ErrorCode.LLM_FAILURE, e.code());
    assertTrue(e.getMessage().contains("did not answer within 300 ms"), e.getMessage());
  }

  @Test
  void readinessAsksForTheModelList() throws Exception {
    assertEquals(Readiness.READY, client(FakeChatServer.KEY, 5000).readiness().await(5, TimeUnit.SECONDS).state());
    Readiness refused = client("wrong", 5000).readiness().await(5, TimeUnit.SECONDS);
    assertEquals(Readiness.UNAVAILABLE, refused.state());
    assertTrue(refused.reason().contains("401"), refused.reason());
    Readiness down = new OpenAiChatClient(vertx, new OpenAiConfig("http://127.0.0.1:9/v1", null, "m", "auto"), 1000, RETRY)
        .readiness().await(5, TimeUnit.SECONDS);
    assertEquals(Readiness.UNAVAILABLE, down.state());
    assertTrue(down.reason().startsWith("cannot reach http://127.0.0.1:9/v1"), down.reason());
  }

  static ServiceException failure(Future<?> future) throws Exception {
    Throwable cause = future.transform(ar -> Future.succeededFuture(ar.cause())).await(20, TimeUnit.SECONDS);
    return assertInstanceOf(ServiceException.class, cause);
  }
}
