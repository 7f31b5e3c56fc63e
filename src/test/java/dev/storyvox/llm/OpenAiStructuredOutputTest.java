package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestWaits;
import dev.storyvox.config.OpenAiConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code llm.openai.structured} against fakes of llama-server, vLLM, Ollama and a server that honours
 * nothing, with a Qwen3-style model that thinks unless told not to: the story prompt's grammar and its
 * equivalent schema go where each server takes them, and the reply comes back as bare JSON.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenAiStructuredOutputTest {

  static final String STORY = "{\"title\":\"숲\",\"panels\":[]}";

  Vertx vertx;
  LlmRequest story;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    story = PromptTemplate.load(Path.of("conf/prompts"), "story").request("s1", Map.of("era", "조선",
        "place", "숲", "characters", "토끼", "topic", "우정"), 7);
  }

  @AfterEach
  void stop() throws Exception {
    TestWaits.close(vertx);
  }

  FakeChatServer server(FakeChatServer.Flavor flavor) throws Exception {
    FakeChatServer server = new FakeChatServer(flavor).start(vertx).await(10, TimeUnit.SECONDS);
    server.reply = STORY;
    server.thinks = true;
    return server;
  }

  String generate(FakeChatServer server, String structured) throws Exception {
    OpenAiChatClient client = new OpenAiChatClient(vertx,
        new OpenAiConfig(server.baseUrl(), FakeChatServer.KEY, "qwen3", structured), 5000, OpenAiChatClientTest.RETRY);
    return client.generate(story, p -> { }, () -> false).await(10, TimeUnit.SECONDS).text();
  }

  @Test
  void theTemplateCarriesItsGrammarAndTheEquivalentSchema() {
    assertTrue(story.grammar().matches("(?s).*\\nroot\\s+::=.*"));
    assertEquals("object", new JsonObject(story.jsonSchema()).getString("type"));
  }

  @Test
  void llamaServerUnderAutoGetsTheGrammarWithThinkingOff() throws Exception {
    FakeChatServer server = server(FakeChatServer.Flavor.LLAMA_SERVER);
    assertEquals(STORY, generate(server, "auto"));
    JsonObject body = server.bodies.get(0);
    assertEquals(story.grammar(), body.getString("grammar"));
    assertFalse(body.containsKey("response_format"));
    assertEquals(new JsonObject().put("enable_thinking", false), body.getJsonObject("chat_template_kwargs"));
    assertFalse(server.paths.contains("GET /props"), "owned_by named it: " + server.paths);
  }

  @Test
  void llamaServerThatDoesNotNameItselfIsFoundByItsProps() throws Exception {
    FakeChatServer server = server(FakeChatServer.Flavor.LLAMA_SERVER);
    server.namesItself = false;
    assertEquals(STORY, generate(server, "auto"));
    assertTrue(server.paths.contains("GET /props"), server.paths::toString);
    assertEquals(story.grammar(), server.bodies.get(0).getString("grammar"));
  }

  @Test
  void vllmUnderAutoGetsTheStrictSchemaWithThinkingOff() throws Exception {
    FakeChatServer server = server(FakeChatServer.Flavor.VLLM);
    assertEquals(STORY, generate(server, "auto"));
    JsonObject body = server.bodies.get(0);
    assertNull(body.getValue("grammar"));
    assertEquals(new JsonObject().put("type", "json_schema").put("json_schema", new JsonObject().put("name", "reply")
        .put("schema", new JsonObject(story.jsonSchema())).put("strict", true)), body.getJsonObject("response_format"));
    assertEquals(new JsonObject().put("enable_thinking", false), body.getJsonObject("chat_template_kwargs"));
    assertFalse(server.paths.contains("GET /props"), "owned_by named it: " + server.paths);
  }

  @Test
  void vllmGivenOnlyTheGrammarIgnoresItAndItsFencedAnswerIsUnwrapped() throws Exception {
    FakeChatServer server = server(FakeChatServer.Flavor.VLLM);
    assertEquals(STORY, generate(server, "grammar"));
    assertEquals(story.grammar(), server.bodies.get(0).getString("grammar"));
    assertFalse(server.bodies.get(0).containsKey("response_format"));
  }

  @Test
  void ollamaGetsTheSchemaAndReasoningEffortNone() throws Exception {
    FakeChatServer server = server(FakeChatServer.Flavor.OLLAMA);
    assertEquals(STORY, generate(server, "auto"));
    JsonObject body = server.bodies.get(0);
    assertEquals("json_schema", body.getJsonObject("response_format").getString("type"));
    assertEquals("none", body.getString("reasoning_effort"));
    assertFalse(body.containsKey("chat_template_kwargs"));
    assertFalse(body.containsKey("grammar"));
  }

  @Test
  void aServerThatIgnoresEverythingAnswersThinkingAndAFenceAndTheJsonIsStillRead() throws Exception {
    FakeChatServer server = server(FakeChatServer.Flavor.GENERIC);
    assertEquals(STORY, generate(server, "grammar"));
    JsonObject body = server.bodies.get(0);
    assertEquals(story.grammar(), body.getString("grammar"));
    assertFalse(body.containsKey("chat_template_kwargs"), "an unknown server gets no extension fields");
  }

  @Test
  void noneSendsNoStructure() throws Exception {
    FakeChatServer server = server(FakeChatServer.Flavor.LLAMA_SERVER);
    assertEquals(STORY, generate(server, "none"));
    JsonObject body = server.bodies.get(0);
    assertFalse(body.containsKey("grammar"));
    assertFalse(body.containsKey("response_format"));
  }

  @Test
  void thinkBlocksAndFencesAreRemovedOnlyWhereTheyWrapTheReply() {
    assertEquals("{}", ReplyText.clean("<think>\nhm {\"a\"}\n</think>\n\n```json\n{}\n```\n", true));
    assertEquals("{}", ReplyText.clean("```\n{}\n```", true));
    assertEquals("{\"a\": \"```\"}", ReplyText.clean("{\"a\": \"```\"}", true));
    assertEquals("", ReplyText.clean("<think>\nran out of tokens", true));
    assertEquals("Hello", ReplyText.clean("<think>x</think>\nHello", false));
    assertEquals("```python\nprint(1)\n```", ReplyText.clean("```python\nprint(1)\n```", false));
  }
}
