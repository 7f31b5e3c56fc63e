package dev.storyvox.korean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HangulTest {

  @ParameterizedTest(name = "{0}: syllable {1}, final consonant {2}, final ㄹ {3}")
  @CsvSource({
      "책, true, true, false",
      "무, true, false, false",
      "별, true, true, true",
      "강, true, true, false",
      "가, true, false, false",
      "힣, true, true, false",
      "ㄱ, false, false, false",
      "a, false, false, false",
      "7, false, false, false"})
  void tellsSyllablesAndTheirFinalConsonant(char c, boolean syllable, boolean finalConsonant, boolean rieul) {
    assertEquals(syllable, Hangul.isSyllable(c));
    assertEquals(finalConsonant, Hangul.hasFinalConsonant(c));
    assertEquals(rieul, Hangul.hasFinalRieul(c));
  }
}
