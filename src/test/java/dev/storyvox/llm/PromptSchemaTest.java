package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JSON schemas shipped beside the grammars describe the same replies: every reply the real engine writes
 * under a grammar is valid under its schema, every reply it writes under the schema alone (llama.cpp's own
 * schema-to-grammar conversion, as llama-server and Ollama do it) has the grammar's shape, and replies the
 * grammar cannot produce are invalid under the schema.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PromptSchemaTest {

  static final int SEEDS = 4;
  static final String STORY = "{\"title\":\"숲속 친구\",\"panels\":[{\"panel\":0,\"subject\":\"토끼\",\"prompt\":\"a rabbit\"},"
      + "{\"panel\":1,\"summary\":\"토끼가 놀아요.\",\"prompt\":\"rabbit plays\"},{\"panel\":2,\"summary\":\"비가 많이 와요.\","
      + "\"prompt\":\"rain\"},{\"panel\":3,\"summary\":\"친구를 만나요.\",\"prompt\":\"friends meet\"},"
      + "{\"panel\":4,\"summary\":\"함께 웃어요.\",\"prompt\":\"they laugh, happy\"}]}";
  static final String FEEDBACK = "{\"overall_score\":64,\"level\":3,\"feedback\":{\"summarize\":\"요약입니다.\","
      + "\"keyword\":[[],[]],\"facts\":\"정확합니다.\",\"understanding\":\"이해했어요.\",\"personalized\":\"아주 좋아요.\"}}";

  static LlamaEngine engine;
  static PromptTemplate story;
  static PromptTemplate solo;

  @BeforeAll
  static void load() {
    engine = TestEngine.load();
    story = PromptTemplate.load(PromptTemplateTest.PROMPTS, "story");
    solo = PromptTemplate.load(PromptTemplateTest.PROMPTS, "solo-feedback");
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void everyReplyWrittenUnderAGrammarIsValidUnderItsSchema() throws Exception {
    for (int seed = 1; seed <= SEEDS; seed++) {
      for (PromptTemplate template : List.of(story, solo)) {
        LlmReply reply = engine.generate(template.request("g" + seed, values(template), seed), p -> { }, () -> false);
        OutputUnit result = validator(template).validate(new JsonObject(reply.text()));
        assertTrue(result.getValid(), () -> template.name() + " " + reply.text() + " " + result.getErrors());
      }
    }
  }

  @Test
  void everyReplyWrittenUnderTheSchemaAloneHasTheGrammarsShape() throws Exception {
    for (int seed = 1; seed <= SEEDS; seed++) {
      LlmRequest request = story.request("s" + seed, values(story), seed);
      LlmReply reply = engine.generate(new LlmRequest(request.requestId(), request.messages(), null, null,
          request.jsonSchema(), request.maxTokens(), request.temperature(), request.topP(), request.repeatPenalty(),
          seed, List.of(), false), p -> { }, () -> false);
      JsonObject root = new JsonObject(reply.text());
      assertEquals(List.of("title", "panels"), List.copyOf(root.fieldNames()), reply.text());
      JsonArray panels = root.getJsonArray("panels");
      assertEquals(5, panels.size(), reply.text());
      for (int i = 0; i < 5; i++) {
        assertEquals(List.of("panel", i == 0 ? "subject" : "summary", "prompt"),
            List.copyOf(panels.getJsonObject(i).fieldNames()), reply.text());
        assertEquals(i, panels.getJsonObject(i).getInteger("panel"), reply.text());
      }
    }
  }

  @Test
  void repliesTheGrammarCannotWriteAreInvalid() {
    assertTrue(validator(story).validate(new JsonObject(STORY)).getValid());
    assertTrue(validator(solo).validate(new JsonObject(FEEDBACK)).getValid());
    List<UnaryOperator<JsonObject>> badStories = List.of(
        s -> s.put("title", "1등"),
        s -> s.put("title", "가".repeat(31)),
        s -> s.put("extra", 1),
        s -> {
          s.getJsonArray("panels").remove(4);
          return s;
        },
        s -> {
          s.getJsonArray("panels").getJsonObject(2).put("panel", 3);
          return s;
        },
        s -> {
          s.getJsonArray("panels").getJsonObject(1).put("prompt", "비");
          return s;
        },
        s -> {
          s.getJsonArray("panels").getJsonObject(0).remove("subject");
          return s;
        });
    for (UnaryOperator<JsonObject> bad : badStories) {
      JsonObject reply = bad.apply(new JsonObject(STORY));
      assertFalse(validator(story).validate(reply).getValid(), reply::encode);
    }
    List<UnaryOperator<JsonObject>> badFeedback = List.of(
        f -> f.put("level", 6),
        f -> f.put("overall_score", 101),
        f -> f.put("overall_score", 6.5),
        f -> {
          f.getJsonObject("feedback").put("facts", "");
          return f;
        },
        f -> {
          f.getJsonObject("feedback").put("keyword", new JsonArray().add(new JsonArray()));
          return f;
        },
        f -> {
          f.getJsonObject("feedback").put("keyword", new JsonArray().add(new JsonArray(List.of(
              "a", "b", "c", "d", "e", "f", "g", "h", "i"))).add(new JsonArray()));
          return f;
        });
    for (UnaryOperator<JsonObject> bad : badFeedback) {
      JsonObject reply = bad.apply(new JsonObject(FEEDBACK));
      assertFalse(validator(solo).validate(reply).getValid(), reply::encode);
    }
  }

  static Map<String, String> values(PromptTemplate template) {
    return template == story ? PromptTemplateTest.STORY_VALUES : PromptTemplateTest.SOLO_VALUES;
  }

  static Validator validator(PromptTemplate template) {
    return Validator.create(JsonSchema.of(new JsonObject(template.schema())),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://storyvox.invalid/"));
  }
}
