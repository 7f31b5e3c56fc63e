package dev.storyvox.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyvox.TestData;

/** The engine the LLM tests share: stories260K with room for the Korean prompts and their caps. */
final class TestEngine {

  /** Context for the tests: Korean prompts cost ~3 tokens per character in this byte-fallback vocabulary. */
  static final int CONTEXT = 8192;
  /** One thread: the test machine's two cores are shared, and OpenMP barriers stall under contention. */
  static final int THREADS = Integer.getInteger("storyvox.test.llmThreads", 1);
  static final ObjectMapper JSON = new ObjectMapper();

  private TestEngine() {
  }

  static LlamaEngine load() {
    return LlamaEngine.load(TestData.model("stories260Ktok512.gguf"), CONTEXT, THREADS, -1, 0);
  }
}
