package dev.storyvox.korean;

import static dev.storyvox.korean.Ending.afterConsonant;
import static dev.storyvox.korean.Ending.afterVowel;
import static dev.storyvox.korean.Ending.afterVowelOrRieul;
import static dev.storyvox.korean.Ending.any;

import java.util.List;
import java.util.stream.Stream;

/**
 * The particles (조사) that close a Korean noun in any text, spoken or written, each with the syllable it
 * follows. A reader that knows more endings of its own kind of text adds them with {@link #with}.
 */
public final class Particles {

  /** Case particles and the copula, which any noun may carry (숲이, 바다를, 우주로, 단위입니다). */
  public static final List<Ending> NOUN = List.of(
      afterConsonant("이"), afterVowel("가"), afterConsonant("은"), afterVowel("는"),
      afterConsonant("을"), afterVowel("를"), afterConsonant("과"), afterVowel("와"),
      afterConsonant("으로"), afterVowelOrRieul("로"), afterConsonant("이라는"), afterVowel("라는"),
      afterConsonant("이다"), any("입니다"),
      any("에"), any("에서"), any("에게"), any("까지"), any("처럼"), any("하고"));

  /** Particles that join one noun to the next, "and"/"with" (토끼랑, 공주님과, 엄마하고). */
  public static final List<Ending> JOINING = List.of(
      afterConsonant("이랑"), afterVowel("랑"), afterConsonant("과"), afterVowel("와"), any("하고"));

  private Particles() {
  }

  /** {@link #NOUN} and the endings of {@code more} tables, each once. */
  @SafeVarargs
  public static List<Ending> with(List<Ending>... more) {
    return Stream.concat(NOUN.stream(), Stream.of(more).flatMap(List::stream)).distinct().toList();
  }
}
