package dev.storyvox.config;

/** An OpenAI-compatible chat-completions server used when {@code llm.backend} is openai. */
public record OpenAiConfig(String baseUrl, String apiKey, String model) {
  public OpenAiConfig {
    Check.url("llm.openai.baseUrl", baseUrl);
    apiKey = Check.blankToNull(apiKey);
    Check.notBlank("llm.openai.model", model);
  }
}
