package dev.storyvox.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The story JSON the grammar allows, read into pages, and every way a story can be unusable. */
class StoryParserTest {

  private static JsonObject story(String title, String text, String prompt) {
    JsonArray panels = new JsonArray().add(new JsonObject().put("panel", 0).put("subject", text).put("prompt", prompt));
    for (int i = 1; i <= 4; i++) {
      panels.add(new JsonObject().put("panel", i).put("summary", text + " " + i).put("prompt", prompt + " " + i));
    }
    return new JsonObject().put("title", title).put("panels", panels);
  }

  @Test
  void aKoreanStoryGivesTheTitleOnTheCoverAndSummariesOnThePages() {
    Story story = new StoryParser(true).parse(story("숲속 토끼의 우정", "토끼가 다람쥐를 만났어요", "a rabbit").encode());
    assertEquals("숲속 토끼의 우정", story.pageText(0));
    assertEquals("토끼가 다람쥐를 만났어요 3", story.pageText(3));
    assertEquals("a rabbit", story.imagePrompt(0));
    assertEquals("a rabbit 4", story.imagePrompt(4));
  }

  @Test
  void englishTextIsRefusedOnlyWhenKoreanIsRequired() {
    String english = story("Lily and the cat", "Lily saw a cat", "a cat").encode();
    ServiceException e = assertThrows(ServiceException.class, () -> new StoryParser(true).parse(english));
    assertEquals(ErrorCode.LLM_FAILURE, e.code());
    assertTrue(e.getMessage().contains("title is not Korean"), e.getMessage());
    assertEquals("Lily and the cat", new StoryParser(false).parse(english).title());
  }

  @Test
  void brokenShapesNameWhatIsWrong() {
    StoryParser parser = new StoryParser(false);
    JsonObject good = story("t", "x", "p");
    JsonObject fourPanels = good.copy();
    fourPanels.getJsonArray("panels").remove(4);
    JsonObject swapped = good.copy();
    swapped.getJsonArray("panels").getJsonObject(1).put("panel", 2);
    JsonObject blankPrompt = good.copy();
    blankPrompt.getJsonArray("panels").getJsonObject(2).put("prompt", " ");
    assertMessage(parser, "{\"title\": \"cut", "not a JSON object");
    assertMessage(parser, fourPanels.encode(), "exactly 5 panels");
    assertMessage(parser, swapped.encode(), "panel 1 is missing or out of order");
    assertMessage(parser, blankPrompt.encode(), "panel 2 prompt");
    assertMessage(parser, good.copy().put("title", "").encode(), "no title");
    JsonObject silentPage = good.copy();
    silentPage.getJsonArray("panels").getJsonObject(4).put("summary", "... !");
    assertMessage(parser, silentPage.encode(), "panel 4");
  }

  @Test
  void koreanMeansMostLettersAreHangul() {
    assertTrue(StoryParser.isKorean("토끼와 다람쥐"));
    assertTrue(StoryParser.isKorean("토끼와 Tom"));
    assertTrue(!StoryParser.isKorean("Tom and 토"));
    assertTrue(!StoryParser.isKorean("12345"));
  }

  private static void assertMessage(StoryParser parser, String json, String expected) {
    ServiceException e = assertThrows(ServiceException.class, () -> parser.parse(json));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
