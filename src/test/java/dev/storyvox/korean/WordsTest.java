package dev.storyvox.korean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {

  @Test
  void normalizeComposesJamoAndTakesNullAsEmpty() {
    assertEquals("감자", Words.normalize("\u1100\u1161\u11b7\u110c\u1161"));
    assertEquals("", Words.normalize(null));
  }

  @Test
  void splitDropsPunctuationAndKeepsTheGivenSymbols() {
    assertEquals(List.of("C++와", "C#", "그리고", "자바"), Words.keeping("+#").split("  C++와 C#, 그리고… 자바!"));
    assertEquals(List.of("C", "와", "C", "그리고"), Words.keeping("").split("C++와 C#, 그리고"));
    assertEquals(List.of("사과", ",", "배", "&", "귤"), Words.keeping(",&").split("사과 , 배 & 귤."));
  }

  @Test
  void splitOfNoWordsIsEmpty() {
    assertEquals(List.of(), Words.keeping("").split(""));
    assertEquals(List.of(), Words.keeping("#").split(" ?! … "));
  }

  @Test
  void asciiLettersAndDigitsAreLatinWordCharacters() {
    assertTrue(Words.isAsciiLetterOrDigit('q'));
    assertTrue(Words.isAsciiLetterOrDigit('7'));
    assertFalse(Words.isAsciiLetterOrDigit('가'));
    assertFalse(Words.isAsciiLetterOrDigit('é'));
    assertFalse(Words.isAsciiLetterOrDigit('-'));
  }
}
