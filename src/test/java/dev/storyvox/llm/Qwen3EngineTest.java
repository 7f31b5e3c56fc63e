package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A tiny random Qwen3 GGUF written here: the current engine loads and generates; java-llama.cpp refuses it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Qwen3EngineTest {

  @TempDir
  static Path dir;

  @Test
  void currentEngineLoadsAndGeneratesWithTheModelsChatTemplate() throws Exception {
    Path model = TinyQwen3Gguf.write(dir.resolve("tiny-qwen3.gguf"));
    try (LlamaCppEngine engine = LlamaCppEngine.load(CurrentEngine.folder(), model, 256, 1, -1, 0, false)) {
      assertTrue(engine.usesModelTemplate(), engine.describe());
      String prompt = engine.render(List.of(ChatMessage.system("be brief"), ChatMessage.user("hello")));
      assertEquals("<|im_start|>system\nbe brief<|im_end|>\n<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n",
          prompt);
      LlmRequest greedy = new LlmRequest("q", List.of(ChatMessage.user("hello")), null, null, null, 12, 0, 1, 1, 1,
          List.of(), false);
      LlmReply reply = engine.generate(greedy, p -> { }, () -> false);
      assertTrue(reply.completionTokens() > 0 && reply.completionTokens() <= 12, reply.toString());
      assertEquals(reply.text(), engine.generate(greedy, p -> { }, () -> false).text(), "greedy is deterministic");
      assertTrue(engine.tokens("hello") < 5, "merges apply: " + engine.tokens("hello"));
    }
  }

  @Test
  void javaLlamaCppRefusesItNamingTheArchitectureAndTheInstall() throws Exception {
    Path model = TinyQwen3Gguf.write(dir.resolve("refused-qwen3.gguf"));
    ServiceException e = assertThrows(ServiceException.class, () -> LlamaEngine.load(model, 256, 1, -1, 0));
    assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
    assertTrue(e.getMessage().contains("'qwen3'") && e.getMessage().contains("npm")
        && e.getMessage().contains("engines.dir"), e.getMessage());
  }
}
