package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real llama.cpp engine on stories260K: streaming, caps, stops, cancellation, seeds and failures. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LlamaEngineTest {

  static final Logger LOG = LoggerFactory.getLogger(LlamaEngineTest.class);
  static final String STORY_START = "Once upon a time, there was a little girl named Lily.";

  static LlamaEngine engine;

  @BeforeAll
  static void load() {
    engine = TestEngine.load();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void missingModelIsRefusedNamingThePath() {
    Path missing = Path.of("no-such-dir", "missing.gguf");
    ServiceException e = assertThrows(ServiceException.class, () -> LlamaEngine.load(missing, 512, 1, -1, 0));
    assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
    assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()), e.getMessage());
  }

  @Test
  void modelWithoutChatTemplateGetsTheFallbackFormat() {
    assertEquals("System: be kind\n\nUser: hi\n\nAssistant:",
        engine.render(List.of(ChatMessage.system("be kind"), ChatMessage.user("hi"))));
    assertTrue(engine.describe().contains("fallback"), engine.describe());
  }

  @Test
  void streamedPiecesJoinToTheReplyAndTheCapEndsWithLength() {
    List<String> pieces = new ArrayList<>();
    LlmReply reply = engine.generate(LlmRequest.raw("cap", STORY_START, 40, 11), pieces::add, () -> false);
    assertEquals(LlmReply.LENGTH, reply.finishReason());
    assertEquals(40, reply.completionTokens());
    assertEquals(String.join("", pieces), reply.text());
    assertFalse(reply.text().isBlank());
    assertEquals(engine.tokens(STORY_START), reply.promptTokens());
  }

  @Test
  void sameSeedGivesSameTextAndOtherSeedsDiffer() {
    LlmRequest request = LlmRequest.raw("seed", STORY_START, 60, 42);
    String first = engine.generate(request, piece -> { }, () -> false).text();
    assertEquals(first, engine.generate(request, piece -> { }, () -> false).text());
    assertNotEquals(first, engine.generate(request.withSeed(43), piece -> { }, () -> false).text());
  }

  @Test
  void grammarCompletionEndsWithStop() {
    LlmRequest request = LlmRequest.chat("yn", List.of(ChatMessage.user("Is the sky blue?")),
        "root ::= \"yes\" | \"no\"", 20, 5);
    LlmReply reply = engine.generate(request, piece -> { }, () -> false);
    assertEquals(LlmReply.STOP, reply.finishReason());
    assertTrue(List.of("yes", "no").contains(reply.text()), reply.text());
  }

  @Test
  void stopStringEndsTheTextBeforeIt() {
    LlmRequest request = LlmRequest.raw("stop", STORY_START, 400, 3).withStop(List.of("."));
    List<String> pieces = new ArrayList<>();
    LlmReply reply = engine.generate(request, pieces::add, () -> false);
    assertEquals(LlmReply.STOP, reply.finishReason());
    assertFalse(reply.text().contains("."), reply.text());
    assertEquals(String.join("", pieces), reply.text());
    assertTrue(reply.completionTokens() < 400);
  }

  @Test
  void cancellationStopsBeforeTheNextPieceAndTheEngineGoesOn() {
    List<String> pieces = new ArrayList<>();
    LlmReply reply = engine.generate(LlmRequest.raw("cancel", STORY_START, 500, 9), pieces::add,
        () -> pieces.size() >= 5);
    assertEquals(LlmReply.CANCELLED, reply.finishReason());
    assertEquals(5, pieces.size());
    assertEquals(String.join("", pieces), reply.text());
    LlmReply next = engine.generate(LlmRequest.raw("after-cancel", STORY_START, 10, 9), piece -> { }, () -> false);
    assertEquals(LlmReply.LENGTH, next.finishReason());
  }

  @Test
  void grammarWithoutRootFailsClearlyAndTheEngineGoesOn() {
    LlmRequest bad = LlmRequest.chat("bad", List.of(ChatMessage.user("hi")), "answer ::= \"yes\"", 10, 1);
    ServiceException e = assertThrows(ServiceException.class, () -> engine.generate(bad, p -> { }, () -> false));
    assertEquals(ErrorCode.LLM_FAILURE, e.code());
    LlmReply next = engine.generate(LlmRequest.raw("after-bad", STORY_START, 5, 1), p -> { }, () -> false);
    assertEquals(5, next.completionTokens());
  }

  @Test
  void malformedJsonSchemaIsRefusedBeforeItReachesNativeCode() {
    LlmRequest bad = new LlmRequest("bad-schema", null, STORY_START, null, "{\"type\": ", 10, 0.8, 0.95, 1.0, 1,
        List.of(), true);
    ServiceException e = assertThrows(ServiceException.class, () -> engine.generate(bad, p -> { }, () -> false));
    assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
  }

  @Test
  void promptThatCannotFitWithItsCapIsRefused() {
    LlmRequest huge = LlmRequest.raw("huge", STORY_START, TestEngine.CONTEXT, 1);
    ServiceException e = assertThrows(ServiceException.class, () -> engine.generate(huge, p -> { }, () -> false));
    assertTrue(e.getMessage().contains("exceeds the context"), e.getMessage());
  }

  @Test
  void jsonSchemaConstrainsTheReply() throws Exception {
    String schema = "{\"type\":\"object\",\"properties\":{\"happy\":{\"type\":\"boolean\"}},\"required\":[\"happy\"]}";
    LlmRequest request = new LlmRequest("schema", List.of(ChatMessage.user("Are you happy?")), null, null, schema,
        200, 0.8, 0.95, 1.0, 4, List.of(), true);
    LlmReply reply = engine.generate(request, p -> { }, () -> false);
    assertEquals(LlmReply.STOP, reply.finishReason());
    assertTrue(TestEngine.JSON.readTree(reply.text()).get("happy").isBoolean(), reply.text());
  }

  @Test
  void speedsAreMeasuredSeparatelyForPromptAndGeneration() {
    String prompt = (STORY_START + " ").repeat(40);
    long[] firstPieceAt = {0};
    long start = System.nanoTime();
    LlmReply reply = engine.generate(LlmRequest.raw("speed", prompt, 300, 8), piece -> {
      if (firstPieceAt[0] == 0) {
        firstPieceAt[0] = System.nanoTime();
      }
    }, () -> false);
    long end = System.nanoTime();
    double promptSeconds = (firstPieceAt[0] - start) / 1e9;
    double generationSeconds = (end - firstPieceAt[0]) / 1e9;
    double promptRate = reply.promptTokens() / promptSeconds;
    double generationRate = (reply.completionTokens() - 1) / generationSeconds;
    LOG.info("stories260K: prompt {} tokens at {} tokens/s, generation {} tokens at {} tokens/s",
        reply.promptTokens(), Math.round(promptRate), reply.completionTokens(), Math.round(generationRate));
    assertEquals(300, reply.completionTokens());
    assertTrue(promptRate > 20 && generationRate > 5, "far too slow: " + promptRate + " / " + generationRate);
  }
}
