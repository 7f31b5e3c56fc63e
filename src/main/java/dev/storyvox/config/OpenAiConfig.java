package dev.storyvox.config;

/**
 * An OpenAI-compatible chat-completions server used when {@code llm.backend} is openai, and how replies are
 * kept to a prompt's structure: {@code grammar} (llama-server's GBNF field), {@code json_schema}
 * ({@code response_format}), {@code none}, or {@code auto} (the grammar for llama-server, the schema elsewhere).
 */
public record OpenAiConfig(String baseUrl, String apiKey, String model, String structured) {
  public OpenAiConfig {
    Check.url("llm.openai.baseUrl", baseUrl);
    apiKey = Check.blankToNull(apiKey);
    Check.notBlank("llm.openai.model", model);
    structured = structured == null ? "auto" : structured;
    Check.oneOf("llm.openai.structured", structured, "auto", "grammar", "json_schema", "none");
  }
}
