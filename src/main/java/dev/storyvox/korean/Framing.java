package dev.storyvox.korean;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Words that frame a phrase at its end ("…로 해 주세요", "…에 대한 이야기"). Spaces inside the framing
 * are optional, as Korean is spaced either way in speech-to-text and in writing.
 */
public final class Framing {

  private final String text;
  private final Pattern pattern;

  private Framing(String text, boolean detached) {
    this.text = text;
    String body = text.replace(" ", "").codePoints()
        .mapToObj(c -> Pattern.quote(Character.toString(c)))
        .collect(Collectors.joining("\\s*"));
    this.pattern = Pattern.compile((detached ? "\\s+" : "\\s*") + body + "$");
  }

  /** A framing that may be written onto the phrase's last word (모험할래요). */
  public static Framing attached(String text) {
    return new Framing(text, false);
  }

  /** A framing that must be its own word, because it also ends nouns (해 in 동해). */
  public static Framing detached(String text) {
    return new Framing(text, true);
  }

  /** The framings of all {@code tables} in one list, longest first, as they must be tried. */
  @SafeVarargs
  public static List<Framing> longestFirst(List<Framing>... tables) {
    return Stream.of(tables)
        .flatMap(List::stream)
        .sorted(Comparator.comparingInt(Framing::length).reversed())
        .toList();
  }

  /** The phrase without this framing, or the phrase itself when it does not end so or nothing would remain. */
  public String strip(String phrase) {
    Matcher m = pattern.matcher(phrase);
    if (!m.find()) {
      return phrase;
    }
    String rest = phrase.substring(0, m.start()).trim();
    return rest.isEmpty() ? phrase : rest;
  }

  /** The length of the framing without spaces: longer framings are tried first. */
  public int length() {
    return text.replace(" ", "").length();
  }

  @Override
  public String toString() {
    return text;
  }
}
