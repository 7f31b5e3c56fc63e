package dev.storyvox.stt;

import dev.storyvox.korean.EndingStripper;
import dev.storyvox.korean.Framing;
import dev.storyvox.korean.Particles;
import dev.storyvox.korean.Words;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a child's transcribed answer for one storybook field into the value the story is written from.
 *
 * <p>Every field drops hesitations (음, 그러니까), a leading "나는/저는", punctuation, polite framing
 * ("…로 해 주세요", "…가 좋아요", "…였으면 좋겠어요") and the particle or ending on the last word (숲이요 →
 * 숲), without cutting nouns that merely end like a particle (바다, 고양이). Then, by field:
 * <ul>
 *   <li>era — one canonical name per era (옛날 옛적 → 옛날, 요즘 → 현대, 조선 → 조선 시대);</li>
 *   <li>place — the place as said (하늘나라에서요 → 하늘나라);</li>
 *   <li>characters — the characters, split at 랑/하고/와/과/그리고/commas and joined with ", "
 *       (토끼하고 거북이랑 곰 → 토끼, 거북이, 곰); a character of several words stays whole (곰 세 마리);</li>
 *   <li>topic — "about" framing is reduced to its noun (우정에 대한 이야기 → 우정); a topic said as a
 *       clause is kept whole (친구를 돕는 이야기).</li>
 * </ul>
 * An answer of nothing but hesitations parses to the empty string.
 */
public final class FieldParser {

  private static final EndingStripper ENDINGS =
      new EndingStripper(FieldWords.ENDINGS, FieldWords.PROTECTED_NOUNS);
  private static final EndingStripper CONJUNCTIONS =
      new EndingStripper(Particles.JOINING, FieldWords.PROTECTED_NOUNS);
  private static final List<Framing> POLITE = Framing.longestFirst(FieldWords.POLITE);
  private static final List<Framing> ERA_FRAMING =
      Framing.longestFirst(FieldWords.POLITE, FieldWords.ERA_TRAILERS);
  private static final List<Framing> TOPIC_FRAMING =
      Framing.longestFirst(FieldWords.POLITE, FieldWords.TOPIC_ABOUT);
  private static final Words WORDS = Words.keeping(",&");

  private FieldParser() {
  }

  /** The parsed value of {@code text} as an answer for {@code type}; empty when nothing was said. */
  public static String parse(FieldType type, String text) {
    List<String> words = words(Words.normalize(text));
    if (words.isEmpty()) {
      return "";
    }
    String phrase = String.join(" ", words);
    return switch (type) {
      case ERA -> EraNames.canonical(reduce(phrase, ERA_FRAMING));
      case PLACE -> reduce(phrase, POLITE);
      case TOPIC -> reduce(phrase, TOPIC_FRAMING);
      case CHARACTERS -> String.join(", ", characters(phrase));
    };
  }

  /** The words of the answer: punctuation out, commas as words of their own, fillers and lead-ins dropped. */
  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String word : WORDS.split(text.replaceAll("[,&]", " $0 "))) {
      boolean lead = words.isEmpty() && FieldWords.LEADING_WORDS.contains(word);
      if (!lead && !FieldWords.FILLERS.contains(collapseRepeats(word.toLowerCase(Locale.ROOT)))) {
        words.add(word);
      }
    }
    while (!words.isEmpty() && FieldWords.SEPARATORS.contains(words.get(0))) {
      words.remove(0);
    }
    return words;
  }

  /**
   * Strips framing and last-word endings until neither changes the phrase (우주로 해 주세요 → 우주로 → 우주).
   */
  private static String reduce(String phrase, List<Framing> framings) {
    String current = phrase.replace(",", " ").replaceAll("\\s+", " ").trim();
    while (true) {
      String next = stripLastWord(stripFraming(current, framings));
      if (next.equals(current)) {
        return current;
      }
      current = next;
    }
  }

  private static String stripFraming(String phrase, List<Framing> framings) {
    for (Framing framing : framings) {
      String stripped = framing.strip(phrase);
      if (!stripped.equals(phrase)) {
        return stripped;
      }
    }
    return phrase;
  }

  private static String stripAllFraming(String phrase, List<Framing> framings) {
    String current = phrase;
    String next = stripFraming(current, framings);
    while (!next.equals(current)) {
      current = next;
      next = stripFraming(current, framings);
    }
    return current;
  }

  private static String stripLastWord(String phrase) {
    int space = phrase.lastIndexOf(' ');
    return phrase.substring(0, space + 1) + ENDINGS.stripOnce(phrase.substring(space + 1));
  }

  /** The characters named in the phrase, in order, each once. */
  private static List<String> characters(String phrase) {
    String framed = stripAllFraming(phrase, POLITE);
    Set<String> characters = new LinkedHashSet<>();
    List<String> current = new ArrayList<>();
    for (String word : framed.split(" ")) {
      if (FieldWords.SEPARATORS.contains(word.toLowerCase(Locale.ROOT))) {
        close(current, characters);
        continue;
      }
      String stem = CONJUNCTIONS.stripOnce(word);
      current.add(stem);
      if (!stem.equals(word)) {
        close(current, characters);
      }
    }
    close(current, characters);
    return List.copyOf(characters);
  }

  private static void close(List<String> words, Set<String> characters) {
    if (!words.isEmpty()) {
      String character = reduce(String.join(" ", words), POLITE);
      if (!character.isEmpty()) {
        characters.add(character);
      }
      words.clear();
    }
  }

  private static String collapseRepeats(String word) {
    return word.replaceAll("(.)\\1+", "$1");
  }
}
