package dev.storyvox.solo;

import dev.storyvox.korean.Words;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The comparable form of terms and explanations: lower case, punctuation out, and spaces kept only
 * between two Latin words, so "주소공간" matches "주소 공간" and "Heap을" matches "heap".
 */
final class TermText {

  private static final Words WORDS = Words.keeping("+#");
  private static final Pattern SPACE_NOT_BETWEEN_LATIN =
      Pattern.compile("(?<![A-Za-z0-9]) | (?![A-Za-z0-9])");

  private TermText() {
  }

  /** The comparable form of {@code text}. */
  static String key(String text) {
    String spaced = String.join(" ", WORDS.split(Words.normalize(text).toLowerCase(Locale.ROOT)));
    return SPACE_NOT_BETWEEN_LATIN.matcher(spaced).replaceAll("");
  }

  /**
   * Whether the comparable text {@code said} mentions the comparable term {@code term}. A term that
   * starts or ends with a Latin letter must stand as a word there (Data is not in Database); an English
   * plural still counts (processes).
   */
  static boolean mentions(String said, String term) {
    if (term.isEmpty()) {
      return false;
    }
    String before = Words.isAsciiLetterOrDigit(term.charAt(0)) ? "(?<![a-z0-9])" : "";
    String after = Words.isAsciiLetterOrDigit(term.charAt(term.length() - 1)) ? "(?:e?s)?(?![a-z0-9])" : "";
    return Pattern.compile(before + Pattern.quote(term) + after).matcher(said).find();
  }
}
