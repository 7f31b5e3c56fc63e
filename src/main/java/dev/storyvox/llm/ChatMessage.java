package dev.storyvox.llm;

import java.util.Objects;
import java.util.Set;

/**
 * One chat turn: {@code role} is {@code system}, {@code user} or {@code assistant}.
 *
 * @param role who speaks
 * @param content what is said
 */
public record ChatMessage(String role, String content) {

  /** The roles a message may have. */
  public static final Set<String> ROLES = Set.of("system", "user", "assistant");

  public ChatMessage {
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("chat role must be one of " + ROLES + ", not " + role);
    }
    Objects.requireNonNull(content, "content");
  }

  /** A system message. */
  public static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }

  /** A user message. */
  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  /** An assistant message. */
  public static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content);
  }
}
