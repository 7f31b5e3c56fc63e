package dev.storyvox.korean;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Normalises text and splits it into words: every run of characters that is neither a letter, a digit
 * nor one of the kept symbols separates two words. Hangul typed as separate jamo is composed first (NFC),
 * so that particles and syllables compare as the same characters.
 */
public final class Words {

  private final Pattern separator;

  private Words(String symbols) {
    StringBuilder kept = new StringBuilder();
    symbols.codePoints().forEach(c -> kept.append("\\x{").append(Integer.toHexString(c)).append('}'));
    this.separator = Pattern.compile("[^\\p{L}\\p{N}" + kept + "]+");
  }

  /** A splitter that keeps {@code symbols} inside words (C++, C#), or as words of their own. */
  public static Words keeping(String symbols) {
    return new Words(symbols);
  }

  /** {@code text} in composed form (NFC); the empty string for {@code null}. */
  public static String normalize(String text) {
    return Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC);
  }

  /** Whether {@code c} is an ASCII letter or digit, which is how Latin words and acronyms are told apart. */
  public static boolean isAsciiLetterOrDigit(char c) {
    return c < 128 && Character.isLetterOrDigit(c);
  }

  /** The words of normalised {@code text} in order; empty when it has none. */
  public List<String> split(String text) {
    String spaced = separator.matcher(text).replaceAll(" ").trim();
    return spaced.isEmpty() ? List.of() : List.of(spaced.split(" "));
  }
}
