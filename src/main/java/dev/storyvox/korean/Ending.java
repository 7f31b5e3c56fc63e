package dev.storyvox.korean;

/**
 * A Korean particle or sentence ending that can close a word, with the kind of syllable it follows:
 * 이/은/을 follow a final consonant (공룡이), 가/는/를 a vowel (바다가). After a non-Hangul letter
 * (robot이요) any form is accepted.
 *
 * @param text the ending itself
 * @param follows the syllables it may follow
 */
public record Ending(String text, Follows follows) {

  /** Which syllables an ending may follow. */
  public enum Follows {
    ANY,
    CONSONANT,
    VOWEL,
    VOWEL_OR_RIEUL;

    boolean allows(char previous) {
      if (!Hangul.isSyllable(previous)) {
        return true;
      }
      boolean consonant = Hangul.hasFinalConsonant(previous);
      return switch (this) {
        case ANY -> true;
        case CONSONANT -> consonant;
        case VOWEL -> !consonant;
        case VOWEL_OR_RIEUL -> !consonant || Hangul.hasFinalRieul(previous);
      };
    }
  }

  public Ending {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("an ending needs text");
    }
  }

  /** An ending that may follow any syllable. */
  public static Ending any(String text) {
    return new Ending(text, Follows.ANY);
  }

  /** An ending that follows a final consonant. */
  public static Ending afterConsonant(String text) {
    return new Ending(text, Follows.CONSONANT);
  }

  /** An ending that follows a vowel. */
  public static Ending afterVowel(String text) {
    return new Ending(text, Follows.VOWEL);
  }

  /** An ending that follows a vowel or ㄹ (로). */
  public static Ending afterVowelOrRieul(String text) {
    return new Ending(text, Follows.VOWEL_OR_RIEUL);
  }

  /** Whether {@code word} ends with this ending, leaves a stem before it, and the stem may take it. */
  public boolean closes(String word) {
    int stem = word.length() - text.length();
    return stem > 0 && word.endsWith(text) && follows.allows(word.charAt(stem - 1));
  }
}
