package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTemplateTest {

  static final Path PROMPTS = Path.of("conf/prompts");

  static final Map<String, String> SOLO_VALUES = Map.of(
      "keyword", "프로세스",
      "modelAnswer", "프로세스는 실행 중인 프로그램입니다.",
      "userText", "프로세스는 메모리에 올라간 프로그램이에요.",
      "coverage", "포함: 프로그램 / 누락: 메모리",
      "history", "없음");

  static final Map<String, String> STORY_VALUES = Map.of(
      "era", "조선 시대", "place", "숲속 마을", "characters", "토끼와 호랑이", "topic", "우정");

  @Test
  void soloTemplateFillsEveryPlaceholderAndCarriesItsGrammarAndCap() {
    PromptTemplate solo = PromptTemplate.load(PROMPTS, "solo-feedback");
    List<ChatMessage> messages = solo.messages(SOLO_VALUES);
    assertEquals(List.of("system", "user"), messages.stream().map(ChatMessage::role).toList());
    assertTrue(messages.get(1).content().contains("프로세스는 메모리에 올라간 프로그램이에요."));
    assertFalse(messages.get(0).content().contains("{{") || messages.get(1).content().contains("{{"));
    assertTrue(solo.grammar().contains("overall_score"));
    LlmRequest request = solo.request("a1", SOLO_VALUES, 3);
    assertEquals(3700, request.maxTokens());
    assertEquals(0.3, request.temperature());
    assertEquals(solo.grammar(), request.grammar());
  }

  @Test
  void storyTemplateNeedsAllFourAnswers() {
    PromptTemplate story = PromptTemplate.load(PROMPTS, "story");
    assertTrue(story.messages(STORY_VALUES).get(1).content().contains("시대: 조선 시대"));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> story.messages(Map.of("era", "미래")));
    assertTrue(missing.getMessage().contains("{{place}}"), missing.getMessage());
  }

  @Test
  void valuesAreInsertedLiterallyOnce(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("t.prompt.md"), "---\nmaxTokens: 5\n---\n# system\nS {{a}}\n# user\n{{ b }}$1\n");
    PromptTemplate template = PromptTemplate.load(dir, "t");
    List<ChatMessage> messages = template.messages(Map.of("a", "{{b}}", "b", "\\$"));
    assertEquals("S {{b}}", messages.get(0).content());
    assertEquals("\\$$1", messages.get(1).content());
    assertEquals(null, template.grammar());
  }

  @Test
  void malformedFilesAreRefusedWithTheReason(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("nocap.prompt.md"), "---\ngrammar: x.gbnf\n---\n# system\ns\n# user\nu\n");
    Files.writeString(dir.resolve("nouser.prompt.md"), "---\nmaxTokens: 5\n---\n# system\ns\n");
    Files.writeString(dir.resolve("typo.prompt.md"), "---\nmaxTokenz: 5\n---\n# system\ns\n# user\nu\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PromptTemplate.load(dir, "nocap"))
        .getMessage().contains("maxTokens"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PromptTemplate.load(dir, "nouser"))
        .getMessage().contains("# user"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PromptTemplate.load(dir, "typo"))
        .getMessage().contains("maxTokenz"));
  }
}
