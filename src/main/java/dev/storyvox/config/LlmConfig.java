package dev.storyvox.config;

/** The LLM engine: backend, model file, the local context's size, threads and queue, and prompts. */
public record LlmConfig(String backend, String model, int contextSize, int threads, int gpuLayers,
                        boolean flashAttention, String nativeLibraryDir, int queueSize, long timeoutMs,
                        String promptsDir, OpenAiConfig openai) {
  public LlmConfig {
    Check.oneOf("llm.backend", backend, "local", "openai");
    Check.notBlank("llm.model", model);
    Check.range("llm.contextSize", contextSize, 64, 1_048_576);
    Check.range("llm.threads", threads, 0, 1024);
    Check.range("llm.gpuLayers", gpuLayers, -1, 100_000);
    nativeLibraryDir = Check.blankToNull(nativeLibraryDir);
    Check.range("llm.queueSize", queueSize, 0, 100_000);
    Check.positive("llm.timeoutMs", timeoutMs);
    Check.notBlank("llm.promptsDir", promptsDir);
    if (openai == null) {
      throw new IllegalArgumentException("llm.openai: expected a section with baseUrl, apiKey, model");
    }
  }
}
