package dev.storyvox.korean;

/** Facts about precomposed Hangul syllables that decide which Korean particle form may follow a word. */
public final class Hangul {

  private static final char FIRST = '가';
  private static final char LAST = '힣';
  private static final int FINALS = 28;
  private static final int RIEUL = 8;

  private Hangul() {
  }

  /** Whether {@code c} is a precomposed Hangul syllable (가..힣). */
  public static boolean isSyllable(char c) {
    return c >= FIRST && c <= LAST;
  }

  /** Whether the syllable ends in a consonant (has a batchim), as 숲, 곰, 룡 do and 바, 다 do not. */
  public static boolean hasFinalConsonant(char syllable) {
    return isSyllable(syllable) && finalIndex(syllable) != 0;
  }

  /** Whether the syllable ends in ㄹ, after which the vowel forms (로, not 으로) follow. */
  public static boolean hasFinalRieul(char syllable) {
    return isSyllable(syllable) && finalIndex(syllable) == RIEUL;
  }

  private static int finalIndex(char syllable) {
    return (syllable - FIRST) % FINALS;
  }
}
