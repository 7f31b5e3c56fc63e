package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storyvox.TestData;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The current llama.cpp (v0.5.0, JNA) on stories260K: generation, greedy, grammar, abort and stops. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LlamaCppEngineTest {

  static final String STORY_START = "Once upon a time, there was a little girl named Lily.";
  static final String JSON_GRAMMAR = "root ::= \"{\\\"name\\\": \\\"\" [a-z]{1,8} \"\\\", \\\"age\\\": \" [0-9]{1,3} \"}\"\n";

  static LlamaCppEngine engine;

  @BeforeAll
  static void load() {
    engine = LlamaCppEngine.load(CurrentEngine.folder(), TestData.model("stories260Ktok512.gguf"), TestEngine.CONTEXT,
        TestEngine.THREADS, -1, 0, false);
  }

  @AfterAll
  static void close() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void generatesStreamedTextUpToTheCap() {
    List<String> pieces = new ArrayList<>();
    LlmReply reply = engine.generate(LlmRequest.raw("cap", STORY_START, 40, 11), pieces::add, () -> false);
    assertEquals(LlmReply.LENGTH, reply.finishReason());
    assertEquals(40, reply.completionTokens());
    assertEquals(reply.text(), String.join("", pieces));
    assertTrue(reply.text().length() > 40, reply.text());
    assertEquals(engine.tokens(STORY_START), reply.promptTokens());
    assertTrue(engine.engine().startsWith("llama.cpp 0.5.0"), engine.engine());
  }

  @Test
  void greedyIsDeterministicAndSeedsDiffer() {
    LlmRequest greedy = new LlmRequest("g", null, STORY_START, null, null, 60, 0, 1, 1, 1, List.of(), false);
    String first = engine.generate(greedy, p -> { }, () -> false).text();
    assertEquals(first, engine.generate(greedy.withSeed(7), p -> { }, () -> false).text(), "greedy ignores seeds");
    String a = engine.generate(LlmRequest.raw("s1", STORY_START, 60, 1), p -> { }, () -> false).text();
    String a2 = engine.generate(LlmRequest.raw("s1", STORY_START, 60, 1), p -> { }, () -> false).text();
    String b = engine.generate(LlmRequest.raw("s2", STORY_START, 60, 2), p -> { }, () -> false).text();
    assertEquals(a, a2, "the same seed gives the same text (the KV cache is reset between requests)");
    assertTrue(!a.equals(b), "another seed gives another text");
  }

  @Test
  void grammarOutputParsesAsJson() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      LlmRequest req = new LlmRequest("json", null, STORY_START, JSON_GRAMMAR, null, 60, 0.8, 0.95, 1, seed,
          List.of(), false);
      LlmReply reply = engine.generate(req, p -> { }, () -> false);
      assertEquals(LlmReply.STOP, reply.finishReason(), reply.text());
      JsonNode json = TestEngine.JSON.readTree(reply.text());
      assertTrue(json.get("name").asText().matches("[a-z]{1,8}"), reply.text());
      assertTrue(json.get("age").isInt(), reply.text());
    }
  }

  @Test
  void badGrammarsAreLlmFailures() {
    LlmRequest noRoot = new LlmRequest("bad", null, "x", "item ::= \"a\"", null, 5, 0, 1, 1, 1, List.of(), false);
    assertEquals(ErrorCode.LLM_FAILURE, assertThrows(ServiceException.class,
        () -> engine.generate(noRoot, p -> { }, () -> false)).code());
    LlmRequest broken = new LlmRequest("bad", null, "x", "root ::= \"a", null, 5, 0, 1, 1, 1, List.of(), false);
    assertEquals(ErrorCode.LLM_FAILURE, assertThrows(ServiceException.class,
        () -> engine.generate(broken, p -> { }, () -> false)).code());
    assertEquals(LlmReply.LENGTH, engine.generate(LlmRequest.raw("after", STORY_START, 3, 1), p -> { }, () -> false)
        .finishReason(), "the engine stays usable");
  }

  @Test
  void cancelStopsWithinATokenOrTwo() {
    AtomicInteger pieces = new AtomicInteger();
    AtomicInteger atCancel = new AtomicInteger(-1);
    AtomicBoolean cancel = new AtomicBoolean();
    LlmReply reply = engine.generate(LlmRequest.raw("cancel", STORY_START, 2000, 3), p -> {
      if (pieces.incrementAndGet() == 10) {
        atCancel.set(pieces.get());
        cancel.set(true);
      }
    }, cancel::get);
    assertEquals(LlmReply.CANCELLED, reply.finishReason());
    assertTrue(pieces.get() - atCancel.get() <= 2, pieces.get() + " pieces after a cancel at " + atCancel.get());
  }

  @Test
  void abortCallbackStopsALongPromptDecode() {
    StringBuilder prompt = new StringBuilder();
    while (engine.tokens(prompt.toString()) < 3000) {
      prompt.append(STORY_START).append(' ');
    }
    AtomicInteger polls = new AtomicInteger();
    LlmReply reply = engine.generate(LlmRequest.raw("abort", prompt.toString(), 50, 3), p -> { },
        () -> polls.incrementAndGet() > 20);
    assertEquals(LlmReply.CANCELLED, reply.finishReason());
    assertEquals(0, reply.completionTokens(), "stopped inside the prompt's decode, polled " + polls.get() + " times");
    assertEquals(LlmReply.LENGTH, engine.generate(LlmRequest.raw("after", STORY_START, 3, 1), p -> { }, () -> false)
        .finishReason(), "the next request starts from an empty cache");
  }

  @Test
  void stopStringsEndTheTextWithoutThem() {
    LlmRequest greedy = new LlmRequest("g", null, STORY_START, null, null, 80, 0, 1, 1, 1, List.of(), false);
    String full = engine.generate(greedy, p -> { }, () -> false).text();
    String stop = full.substring(20, 24);
    LlmRequest stopped = new LlmRequest("s", null, STORY_START, null, null, 80, 0, 1, 1, 1, List.of(stop), false);
    LlmReply reply = engine.generate(stopped, p -> { }, () -> false);
    assertEquals(LlmReply.STOP, reply.finishReason());
    assertEquals(full.substring(0, full.indexOf(stop)), reply.text());
  }
}
