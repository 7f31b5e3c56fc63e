package dev.storyvox.solo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.llm.LlmReply;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the model's feedback object (shaped by {@code solo-feedback.gbnf}) into a {@link SoloResult}, settled by
 * {@link GradeRule} against the key-term coverage.
 */
final class FeedbackParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FeedbackParser() {
  }

  /**
   * The result in {@code reply}, with {@code coverage} as its evidence.
   *
   * @throws ServiceException LLM_FAILURE when the generation was cut or is not the feedback object
   */
  static SoloResult parse(LlmReply reply, Coverage coverage) {
    if (!LlmReply.STOP.equals(reply.finishReason())) {
      throw invalid("the generation ended with " + reply.finishReason());
    }
    try {
      JsonNode root = JSON.readTree(reply.text());
      JsonNode feedback = root.path("feedback");
      JsonNode keyword = feedback.path("keyword");
      SoloResult.Feedback parsed = new SoloResult.Feedback(text(feedback, "summarize"),
          List.of(strings(keyword.path(0)), strings(keyword.path(1))), text(feedback, "facts"),
          text(feedback, "understanding"), text(feedback, "personalized"));
      integer(root, "level");
      return GradeRule.settle(integer(root, "overall_score"), parsed, coverage);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  private static String text(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    if (!node.isTextual()) {
      throw new IllegalArgumentException("feedback." + field + " is not text");
    }
    return node.asText().strip();
  }

  private static int integer(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    if (!node.isInt()) {
      throw new IllegalArgumentException(field + " is not an integer");
    }
    return node.asInt();
  }

  private static List<String> strings(JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("feedback.keyword must be two lists of strings");
    }
    List<String> out = new ArrayList<>();
    array.forEach(item -> out.add(item.asText().strip()));
    return out;
  }

  private static ServiceException invalid(String why) {
    return new ServiceException(ErrorCode.LLM_FAILURE, "the model's feedback is unusable: " + why);
  }
}
