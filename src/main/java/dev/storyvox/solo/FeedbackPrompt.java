package dev.storyvox.solo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values of the {@code solo-feedback} prompt template: the concept, the model answer, the learner's
 * text, the key-term coverage and the learner's recent history, all in Korean.
 */
final class FeedbackPrompt {

  /** Earlier attempts shown to the model, newest kept. */
  static final int HISTORY_ITEMS = 5;
  private static final int HISTORY_TEXT = 200;

  private FeedbackPrompt() {
  }

  /** The template's placeholder values for {@code request} whose explanation covers {@code coverage}. */
  static Map<String, String> values(SoloRequest request, Coverage coverage) {
    return Map.of(
        "keyword", request.keyword(),
        "modelAnswer", request.modelAnswer(),
        "userText", request.userText().strip(),
        "coverage", coverage(coverage),
        "history", history(request.history()));
  }

  static String coverage(Coverage coverage) {
    return "포함된 핵심어: " + list(coverage.included()) + "\n"
        + "빠진 핵심어: " + list(coverage.missed()) + "\n"
        + "포함 비율: " + Math.round(coverage.ratio() * 100) + "%";
  }

  static String history(JsonNode history) {
    if (history == null || !history.isArray() || history.isEmpty()) {
      return "없음 (첫 시도입니다)";
    }
    List<String> lines = new ArrayList<>();
    int first = Math.max(0, history.size() - HISTORY_ITEMS);
    for (int i = first; i < history.size(); i++) {
      lines.add(line(history.get(i), i + 1));
    }
    return String.join("\n", lines);
  }

  private static String line(JsonNode item, int ordinal) {
    JsonNode result = item.path("result");
    StringBuilder line = new StringBuilder("- ").append(ordinal).append("번째 시도");
    if (result.has("overall_score")) {
      line.append(": 점수 ").append(result.path("overall_score").asText());
    }
    if (result.has("level")) {
      line.append(", 레벨 ").append(result.path("level").asText());
    }
    String feedback = firstText(result.path("feedback").path("summarize"), result.path("feedback").path("personalized"),
        item.path("feedback").path("summarize"), item.path("feedback"), item.path("userText"));
    if (!feedback.isEmpty()) {
      line.append(", 내용: ").append(clip(feedback));
    }
    return line.toString();
  }

  private static String firstText(JsonNode... candidates) {
    for (JsonNode node : candidates) {
      if (node.isTextual() && !node.asText().isBlank()) {
        return node.asText().strip();
      }
    }
    return "";
  }

  private static String clip(String text) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() <= HISTORY_TEXT ? flat : flat.substring(0, HISTORY_TEXT) + "…";
  }

  private static String list(List<String> terms) {
    return terms.isEmpty() ? "없음" : String.join(", ", terms);
  }
}
