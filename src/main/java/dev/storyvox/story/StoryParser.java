package dev.storyvox.story;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the LLM's story JSON ({@code conf/prompts/story.gbnf}'s shape) into a {@link Story} and checks
 * it: five panels numbered 0..4, texts and prompts with words in them (something to draw and to narrate)
 * and, when asked, Korean title and texts.
 * Every problem is a {@code LLM_FAILURE} naming what was wrong, so the caller can retry.
 */
public final class StoryParser {

  private final boolean requireKorean;

  /** A parser; {@code requireKorean} is {@code story.requireKorean}. */
  public StoryParser(boolean requireKorean) {
    this.requireKorean = requireKorean;
  }

  /** The story in {@code json}, or a {@link ServiceException} saying why it is unusable. */
  public Story parse(String json) {
    JsonObject root;
    try {
      root = new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      throw invalid("the story is not a JSON object");
    }
    String title = text(root, "title", "title");
    JsonArray array = root.getValue("panels") instanceof JsonArray a ? a : null;
    if (array == null || array.size() != Run.PAGES) {
      throw invalid("the story needs exactly " + Run.PAGES + " panels");
    }
    List<Story.Panel> panels = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject panel) || !Integer.valueOf(i).equals(panel.getValue("panel"))) {
        throw invalid("panel " + i + " is missing or out of order");
      }
      String textKey = i == 0 ? "subject" : "summary";
      panels.add(new Story.Panel(i, text(panel, textKey, "panel " + i + " " + textKey),
          text(panel, "prompt", "panel " + i + " prompt")));
    }
    if (requireKorean) {
      requireKorean("title", title);
      panels.forEach(p -> requireKorean("panel " + p.panel() + " text", p.text()));
    }
    return new Story(title, panels);
  }

  /** Whether most letters of {@code text} are Hangul. */
  static boolean isKorean(String text) {
    long letters = text.codePoints().filter(Character::isLetter).count();
    long hangul = text.codePoints()
        .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL).count();
    return hangul > 0 && hangul * 2 >= letters;
  }

  private static void requireKorean(String what, String text) {
    if (!isKorean(text)) {
      throw invalid("the story's " + what + " is not Korean: " + text);
    }
  }

  private static String text(JsonObject object, String key, String what) {
    if (!(object.getValue(key) instanceof String value) || value.codePoints().noneMatch(Character::isLetter)) {
      throw invalid("the story has no " + what);
    }
    return value.strip();
  }

  private static ServiceException invalid(String message) {
    return new ServiceException(ErrorCode.LLM_FAILURE, Reason.BAD_ANSWER, message);
  }
}
