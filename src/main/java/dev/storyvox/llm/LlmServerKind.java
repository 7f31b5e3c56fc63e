package dev.storyvox.llm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Which OpenAI-compatible server answers, as far as structured output and reasoning go. Each names itself in
 * {@code GET /v1/models}' {@code owned_by}: llama-server {@code llamacpp}, vLLM {@code vllm}, Ollama the
 * model's namespace ({@code library} for its own models); llama-server also answers {@code GET /props}.
 */
enum LlmServerKind {
  /** llama.cpp's llama-server: GBNF {@code grammar}, {@code response_format}, {@code chat_template_kwargs}. */
  LLAMA_SERVER,
  /** vLLM: {@code response_format} (guided decoding) and {@code chat_template_kwargs}; ignores {@code grammar}. */
  VLLM,
  /** Ollama: {@code response_format} and {@code reasoning_effort}; ignores {@code grammar}. */
  OLLAMA,
  /** Anything else (OpenAI, LM Studio, …): {@code response_format} only. */
  OTHER;

  /** The kind a {@code GET /models} answer names. */
  static LlmServerKind ofModels(JsonObject models) {
    JsonArray data = models == null ? null : models.getJsonArray("data");
    if (data == null || data.isEmpty() || !(data.getValue(0) instanceof JsonObject first)) {
      return OTHER;
    }
    return switch (String.valueOf(first.getValue("owned_by"))) {
      case "llamacpp" -> LLAMA_SERVER;
      case "vllm" -> VLLM;
      case "library", "ollama" -> OLLAMA;
      default -> OTHER;
    };
  }

  /** Whether {@code GET /props} answered as llama-server does (its default generation settings). */
  static boolean isLlamaServerProps(JsonObject props) {
    return props != null && props.getValue("default_generation_settings") instanceof JsonObject;
  }
}
