package dev.storyvox.llm;

/**
 * What one generation produced.
 *
 * @param text the generated text (stop strings excluded)
 * @param promptTokens tokens in the rendered prompt, as the model's tokenizer counts them (without BOS)
 * @param completionTokens tokens generated: {@code maxTokens} when the cap was hit, else the reply text's
 *     token count
 * @param millis wall time of the whole generation, prompt included
 * @param finishReason {@link #STOP} (end of text, grammar complete or a stop string), {@link #LENGTH}
 *     (the token cap) or {@link #CANCELLED}
 */
public record LlmReply(String text, int promptTokens, int completionTokens, long millis, String finishReason) {

  /** The model ended the text, the grammar was complete or a stop string matched. */
  public static final String STOP = "stop";
  /** The token cap ({@code maxTokens}) cut the text. */
  public static final String LENGTH = "length";
  /** The caller cancelled the generation. */
  public static final String CANCELLED = "cancelled";
}
