package dev.storyvox.config;

/** The LLM engine: backend, model file and the local context's size, threads and queue. */
public record LlmConfig(String backend, String model, int contextSize, int threads, int queueSize, long timeoutMs) {
  public LlmConfig {
    Check.oneOf("llm.backend", backend, "local", "openai");
    Check.notBlank("llm.model", model);
    Check.range("llm.contextSize", contextSize, 64, 1_048_576);
    Check.range("llm.threads", threads, 0, 1024);
    Check.range("llm.queueSize", queueSize, 0, 100_000);
    Check.positive("llm.timeoutMs", timeoutMs);
  }
}
