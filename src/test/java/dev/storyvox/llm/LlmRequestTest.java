package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmRequestTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void requestAndReplySurviveAJsonRoundTrip() throws Exception {
    LlmRequest request = LlmRequest.chat("r1", List.of(ChatMessage.system("규칙"), ChatMessage.user("안녕")),
        "root ::= \"a\"", 16, 7).withStop(List.of("\n"));
    assertEquals(request, json.readValue(json.writeValueAsString(request), LlmRequest.class));
    LlmReply reply = new LlmReply("텍스트", 3, 2, 10, LlmReply.STOP);
    assertEquals(reply, json.readValue(json.writeValueAsString(reply), LlmReply.class));
  }

  @Test
  void requestNeedsExactlyOneOfMessagesAndPrompt() {
    assertThrows(IllegalArgumentException.class,
        () -> new LlmRequest("r", null, null, null, null, 8, 0.8, 0.9, 1.0, 1, List.of(), true));
    assertThrows(IllegalArgumentException.class, () -> new LlmRequest("r", List.of(ChatMessage.user("a")),
        "b", null, null, 8, 0.8, 0.9, 1.0, 1, List.of(), true));
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> LlmRequest.raw("r", "p", 0, 1));
    assertThrows(IllegalArgumentException.class, () -> LlmRequest.raw("r", "p", 8, 1L << 32));
    assertThrows(IllegalArgumentException.class, () -> new ChatMessage("tool", "x"));
  }
}
