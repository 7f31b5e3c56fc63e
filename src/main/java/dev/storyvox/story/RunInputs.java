package dev.storyvox.story;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * What the child chose: era, place, characters and topic (Korean), and whether pages are narrated. It is
 * also the message that creates a run on {@code story.create}.
 */
public record RunInputs(String eraKo, String placeKo, String charactersKo, String topicKo, boolean ttsEnabled) {

  /** The longest answer accepted, in characters. */
  public static final int MAX_LENGTH = 100;

  /** Reads a create-run body; throws 400 INVALID_REQUEST naming the first missing, blank or long field. */
  public static RunInputs fromJson(JsonObject body) {
    RunInputs inputs = new RunInputs(field(body, "era_ko"), field(body, "place_ko"), field(body, "characters_ko"),
        field(body, "topic_ko"), body.getBoolean("tts_enabled", true));
    return inputs;
  }

  /** The answers as the story prompt's placeholders. */
  public Map<String, String> promptValues() {
    return Map.of("era", eraKo, "place", placeKo, "characters", charactersKo, "topic", topicKo);
  }

  public JsonObject toJson() {
    return new JsonObject().put("era_ko", eraKo).put("place_ko", placeKo).put("characters_ko", charactersKo)
        .put("topic_ko", topicKo).put("tts_enabled", ttsEnabled);
  }

  private static String field(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw invalid(name, name + " is required and must not be blank");
    }
    String trimmed = text.strip();
    if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
      throw invalid(name, name + " must be at most " + MAX_LENGTH + " characters");
    }
    return trimmed;
  }

  private static ServiceException invalid(String field, String message) {
    return new ServiceException(ErrorCode.INVALID_REQUEST, message, new JsonObject().put("field", field));
  }
}
