package dev.storyvox.llm;

import java.util.List;

/**
 * One generation request: either chat {@code messages} (rendered with the model's chat template) or a
 * raw {@code prompt}, optionally constrained by a GBNF {@code grammar}, a {@code jsonSchema}, or both: then
 * the schema describes the same replies as the grammar, the local engine uses the grammar and an
 * OpenAI-compatible server the form it understands.
 *
 * @param requestId the caller's id, for logs
 * @param messages chat turns, or {@code null} when {@code prompt} is given
 * @param prompt raw prompt text, or {@code null} when {@code messages} are given
 * @param grammar GBNF grammar text, or {@code null}
 * @param jsonSchema JSON schema text (turned into a grammar locally when there is no {@code grammar}), or
 *     {@code null}
 * @param maxTokens the cap on generated tokens (&gt; 0)
 * @param temperature sampling temperature (0 = greedy)
 * @param topP nucleus sampling threshold in (0, 1]
 * @param repeatPenalty repetition penalty (1 = none)
 * @param seed sampling seed in 0..2147483647, or -1 for a random one
 * @param stop strings that end the generation (not included in the text); may be empty
 * @param stream whether the caller wants tokens as they come (the engine streams either way)
 */
public record LlmRequest(
    String requestId,
    List<ChatMessage> messages,
    String prompt,
    String grammar,
    String jsonSchema,
    int maxTokens,
    double temperature,
    double topP,
    double repeatPenalty,
    long seed,
    List<String> stop,
    boolean stream) {

  /** The seed that asks for a random one. */
  public static final long RANDOM_SEED = -1;

  public LlmRequest {
    if ((messages == null) == (prompt == null)) {
      throw new IllegalArgumentException("give either messages or a prompt");
    }
    if (messages != null && messages.isEmpty()) {
      throw new IllegalArgumentException("messages must not be empty");
    }
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be > 0, not " + maxTokens);
    }
    if (temperature < 0 || !(topP > 0 && topP <= 1) || repeatPenalty <= 0) {
      throw new IllegalArgumentException("temperature >= 0, 0 < topP <= 1 and repeatPenalty > 0 are required");
    }
    if (seed < RANDOM_SEED || seed > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("seed must be -1 or 0.." + Integer.MAX_VALUE + ", not " + seed);
    }
    messages = messages == null ? null : List.copyOf(messages);
    stop = stop == null ? List.of() : List.copyOf(stop);
  }

  /** A chat request with default sampling (temperature 0.8, topP 0.95, no repeat penalty, no stop strings). */
  public static LlmRequest chat(String requestId, List<ChatMessage> messages, String grammar, int maxTokens, long seed) {
    return new LlmRequest(requestId, messages, null, grammar, null, maxTokens, 0.8, 0.95, 1.0, seed, List.of(), true);
  }

  /** A raw-prompt request with default sampling, no grammar and no stop strings. */
  public static LlmRequest raw(String requestId, String prompt, int maxTokens, long seed) {
    return new LlmRequest(requestId, null, prompt, null, null, maxTokens, 0.8, 0.95, 1.0, seed, List.of(), true);
  }

  /** This request with another seed. */
  public LlmRequest withSeed(long newSeed) {
    return new LlmRequest(requestId, messages, prompt, grammar, jsonSchema, maxTokens, temperature, topP,
        repeatPenalty, newSeed, stop, stream);
  }

  /** This request with another token cap. */
  public LlmRequest withMaxTokens(int newMaxTokens) {
    return new LlmRequest(requestId, messages, prompt, grammar, jsonSchema, newMaxTokens, temperature, topP,
        repeatPenalty, seed, stop, stream);
  }

  /** This request with other stop strings. */
  public LlmRequest withStop(List<String> newStop) {
    return new LlmRequest(requestId, messages, prompt, grammar, jsonSchema, maxTokens, temperature, topP,
        repeatPenalty, seed, newStop, stream);
  }

  /** This request with token streaming on or off. */
  public LlmRequest withStream(boolean newStream) {
    return new LlmRequest(requestId, messages, prompt, grammar, jsonSchema, maxTokens, temperature, topP,
        repeatPenalty, seed, stop, newStream);
  }

  /** This request with a JSON schema equivalent to its grammar (or none). */
  public LlmRequest withJsonSchema(String newJsonSchema) {
    return new LlmRequest(requestId, messages, prompt, grammar, newJsonSchema, maxTokens, temperature, topP,
        repeatPenalty, seed, stop, stream);
  }
}
