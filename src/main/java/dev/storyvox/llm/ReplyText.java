package dev.storyvox.llm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat reply as a parser wants it: reasoning models' {@code <think>…</think>} blocks removed (an unclosed
 * one at the start takes the whole reply: the model never got to its answer), and for a structured reply the
 * body of a Markdown code fence ({@code ```json … ```}) when the answer is wrapped in one.
 */
final class ReplyText {

  private static final Pattern THINK = Pattern.compile("(?s)<think>.*?</think>");
  private static final Pattern UNCLOSED_THINK = Pattern.compile("(?s)^\\s*<think>.*");
  private static final Pattern FENCE = Pattern.compile("(?s)^```[\\w-]*[ \\t]*\\R(.*?)\\R?```\\s*$");

  private ReplyText() {
  }

  /** {@code content} without think blocks and, when {@code structured}, without a fence around it. */
  static String clean(String content, boolean structured) {
    String text = THINK.matcher(content).replaceAll("");
    text = UNCLOSED_THINK.matcher(text).replaceAll("");
    if (!structured) {
      return text.equals(content) ? content : text.strip();
    }
    text = text.strip();
    Matcher fence = FENCE.matcher(text);
    return fence.matches() ? fence.group(1).strip() : text;
  }
}
