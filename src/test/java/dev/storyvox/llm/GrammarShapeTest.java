package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import dev.storyvox.story.StoryParser;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shipped prompts and grammars on the real engine: stories260K writes nonsense, but under each
 * grammar every reply, for every seed, has the exact JSON shape the services parse, ends by itself, and every
 * feedback text and page text is whole sentences ending on a sentence end within its length.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GrammarShapeTest {

  static final Logger LOG = LoggerFactory.getLogger(GrammarShapeTest.class);
  static final int SEEDS = 10;
  static final int FEEDBACK_TEXT_MAX = 300;
  static final int PAGE_TEXT_MAX = 200;
  static final Pattern SENTENCES = Pattern.compile("([^.!?]+[다요죠네까][.!?])( [^.!?]+[다요죠네까][.!?])*");

  static LlmEngine engine;

  @BeforeAll
  static void load() {
    engine = TestEngine.load();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void soloFeedbackAlwaysParsesIntoTheGradingSchema() throws Exception {
    PromptTemplate solo = PromptTemplate.load(PromptTemplateTest.PROMPTS, "solo-feedback");
    for (int seed = 1; seed <= SEEDS; seed++) {
      LlmReply reply = engine.generate(solo.request("solo-" + seed, PromptTemplateTest.SOLO_VALUES, seed),
          piece -> { }, () -> false);
      log("solo", seed, reply);
      assertEquals(LlmReply.STOP, reply.finishReason(), reply.text());
      JsonNode root = TestEngine.JSON.readTree(reply.text());
      assertEquals(List.of("overall_score", "level", "feedback"), names(root));
      int score = root.get("overall_score").intValue();
      int level = root.get("level").intValue();
      assertTrue(root.get("overall_score").isInt() && score >= 0 && score <= 100, reply.text());
      assertTrue(root.get("level").isInt() && level >= 1 && level <= 5, reply.text());
      JsonNode feedback = root.get("feedback");
      assertEquals(List.of("summarize", "keyword", "facts", "understanding", "personalized"), names(feedback));
      JsonNode keyword = feedback.get("keyword");
      assertEquals(2, keyword.size(), reply.text());
      for (JsonNode list : keyword) {
        assertTrue(list.isArray() && list.size() <= 8, reply.text());
        list.forEach(k -> assertTrue(k.isTextual() && !k.textValue().isEmpty(), reply.text()));
      }
      for (String field : List.of("summarize", "facts", "understanding", "personalized")) {
        assertTrue(feedback.get(field).isTextual() && !feedback.get(field).textValue().isEmpty(), reply.text());
        assertWholeSentences(feedback.get(field).textValue(), FEEDBACK_TEXT_MAX);
      }
      assertEquals("[[],[]]", keyword.toString(), "the server fills the keyword lists");
    }
  }

  @Test
  void storyAlwaysHasFivePanelsInOrder() throws Exception {
    PromptTemplate story = PromptTemplate.load(PromptTemplateTest.PROMPTS, "story");
    for (int seed = 1; seed <= SEEDS; seed++) {
      LlmReply reply = engine.generate(story.request("story-" + seed, PromptTemplateTest.STORY_VALUES, seed),
          piece -> { }, () -> false);
      log("story", seed, reply);
      assertEquals(LlmReply.STOP, reply.finishReason(), reply.text());
      JsonNode root = TestEngine.JSON.readTree(reply.text());
      assertEquals(List.of("title", "panels"), names(root));
      assertTrue(root.get("title").isTextual(), reply.text());
      JsonNode panels = root.get("panels");
      assertEquals(5, panels.size(), reply.text());
      for (int i = 0; i < 5; i++) {
        JsonNode panel = panels.get(i);
        assertEquals(i, panel.get("panel").intValue(), reply.text());
        assertEquals(List.of("panel", i == 0 ? "subject" : "summary", "prompt"), names(panel));
        String prompt = panel.get("prompt").textValue();
        assertTrue(prompt.chars().allMatch(c -> c >= 0x20 && c < 0x7f), prompt);
        if (i > 0) {
          assertWholeSentences(panel.get("summary").textValue(), PAGE_TEXT_MAX);
        }
      }
      new StoryParser(false).parse(reply.text());
    }
  }

  /** A text that ends on a sentence end (다. 요! 까? …) and every sentence in it too, within {@code max} characters. */
  static void assertWholeSentences(String text, int max) {
    assertTrue(text.length() <= max, text.length() + " characters: " + text);
    assertTrue(SENTENCES.matcher(text).matches(), "not whole sentences: " + text);
  }

  private static void log(String what, int seed, LlmReply reply) {
    LOG.info("{} seed {}: {} prompt + {} completion tokens, {} ms, {}", what, seed, reply.promptTokens(),
        reply.completionTokens(), reply.millis(), reply.finishReason());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
