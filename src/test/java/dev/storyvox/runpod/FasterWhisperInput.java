package dev.storyvox.runpod;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * worker-faster_whisper's input check ({@code src/rp_schema.py} INPUT_VALIDATIONS run through runpod-python's
 * {@code rp_validator.validate}, then {@code rp_handler}'s audio check), with the same messages: an unknown key is
 * "Unexpected input. {key} is not a valid input option.", a wrong type "{key} should be {type} type, not {type}."
 * (ints pass as floats, {@code null} passes where the default is {@code None}), and exactly one of
 * {@code audio} and {@code audio_base64} must be given.
 */
final class FasterWhisperInput {

  private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("audio", "str"),
      Map.entry("audio_base64", "str"), Map.entry("model", "str"), Map.entry("transcription", "str"),
      Map.entry("translate", "bool"), Map.entry("translation", "str"), Map.entry("language", "str"),
      Map.entry("temperature", "float"), Map.entry("best_of", "int"), Map.entry("beam_size", "int"),
      Map.entry("patience", "float"), Map.entry("length_penalty", "float"), Map.entry("suppress_tokens", "str"),
      Map.entry("initial_prompt", "str"), Map.entry("condition_on_previous_text", "bool"),
      Map.entry("temperature_increment_on_fallback", "float"), Map.entry("compression_ratio_threshold", "float"),
      Map.entry("logprob_threshold", "float"), Map.entry("no_speech_threshold", "float"),
      Map.entry("enable_vad", "bool"), Map.entry("word_timestamps", "bool"));
  /** Keys whose default is None, so that null passes their type check. */
  private static final List<String> NONE_DEFAULT = List.of("audio", "audio_base64", "language", "initial_prompt");

  private FasterWhisperInput() {
  }

  /** The validator's errors for {@code input}; empty when the worker would run it. */
  static List<String> errors(Object input) {
    List<String> errors = new ArrayList<>();
    if (!(input instanceof JsonObject json)) {
      errors.add("input should be dict type, not " + pythonType(input) + ".");
      return errors;
    }
    json.forEach(e -> {
      String type = TYPES.get(e.getKey());
      if (type == null) {
        errors.add("Unexpected input. " + e.getKey() + " is not a valid input option.");
      } else if (!(e.getValue() == null && NONE_DEFAULT.contains(e.getKey())) && !fits(e.getValue(), type)) {
        errors.add(e.getKey() + " should be <class '" + type + "'> type, not <class '" + pythonType(e.getValue())
            + "'>.");
      }
    });
    if (errors.isEmpty()) {
      boolean audio = json.getValue("audio") instanceof String a && !a.isEmpty();
      boolean base64 = json.getValue("audio_base64") instanceof String b && !b.isEmpty();
      if (audio == base64) {
        errors.add(audio ? "Must provide either audio or audio_base64, not both"
            : "Must provide either audio or audio_base64");
      }
    }
    return errors;
  }

  private static boolean fits(Object value, String type) {
    return switch (type) {
      case "str" -> value instanceof String;
      case "bool" -> value instanceof Boolean;
      case "int" -> value instanceof Integer || value instanceof Long;
      default -> value instanceof Number;
    };
  }

  private static String pythonType(Object value) {
    if (value == null) {
      return "NoneType";
    }
    if (value instanceof String) {
      return "str";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Integer || value instanceof Long) {
      return "int";
    }
    return value instanceof Number ? "float" : value instanceof JsonObject ? "dict" : "list";
  }
}
