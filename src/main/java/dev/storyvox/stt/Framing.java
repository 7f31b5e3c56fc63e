package dev.storyvox.stt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Words that frame an answer at the end of a phrase ("…로 해 주세요", "…에 대한 이야기"). Spaces
 * inside the framing are optional, as speech-to-text spaces them either way.
 */
final class Framing {

  private final String text;
  private final Pattern pattern;

  private Framing(String text, boolean detached) {
    this.text = text;
    String body = text.replace(" ", "").codePoints()
        .mapToObj(c -> Pattern.quote(Character.toString(c)))
        .collect(Collectors.joining("\\s*"));
    this.pattern = Pattern.compile((detached ? "\\s+" : "\\s*") + body + "$");
  }

  /** A framing that may be written onto the answer's last word (모험할래요). */
  static Framing attached(String text) {
    return new Framing(text, false);
  }

  /** A framing that must be its own word, because it also ends nouns (해 in 동해). */
  static Framing detached(String text) {
    return new Framing(text, true);
  }

  /** The phrase without this framing, or the phrase itself when it does not end so or nothing would remain. */
  String strip(String phrase) {
    Matcher m = pattern.matcher(phrase);
    if (!m.find()) {
      return phrase;
    }
    String rest = phrase.substring(0, m.start()).trim();
    return rest.isEmpty() ? phrase : rest;
  }

  /** The length of the framing without spaces: longer framings are tried first. */
  int length() {
    return text.replace(" ", "").length();
  }

  @Override
  public String toString() {
    return text;
  }
}
