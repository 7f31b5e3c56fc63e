package dev.storyvox.solo;

import java.util.List;

/**
 * A key term of a model answer.
 *
 * @param text the term as the model answer writes it (프로세스, 주소 공간, IPC)
 * @param aliases other names the answer gives it in parentheses (프로세스 ↔ Process); saying one counts
 * @param weight how often the model answer uses the term, at least 1
 */
public record Term(String text, List<String> aliases, int weight) {

  public Term {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a term needs text");
    }
    if (weight < 1) {
      throw new IllegalArgumentException("term weight must be at least 1, not " + weight);
    }
    aliases = List.copyOf(aliases);
  }
}
