package dev.storyvox.stt;

import dev.storyvox.korean.Framing;
import dev.storyvox.korean.Words;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a child's answer for one storybook field, spoken (transcribed) or typed, into the value the story is
 * written from. The README's "Field parsing" section states the rules:
 * <ol>
 *   <li>whisper's silence hallucinations (시청해 주셔서 감사합니다, 구독과 좋아요 …) are dropped; the first
 *       sentence left with a value gives it (미래요. 로봇이 있는 미래 → 미래; a word closed by 요 ends a
 *       sentence too, an ellipsis does not); characters take all sentences;</li>
 *   <li>hesitations (음, 어, 그, 저기, 그러니까, 그냥) go wherever they stand, a leading "나는/저는" too;</li>
 *   <li>polite framing (…로 해 주세요, …가 좋아요, …였으면 좋겠어요) goes, then the last word loses at most one
 *       sentence ending and one particle ({@link FieldWords#ENDINGS}), never cutting a noun that merely ends
 *       like one (뽀로로, 난쟁이, 타요, 사랑), then "about" framing goes;</li>
 *   <li>era — the last era named anywhere in the sentence, canonical (옛날 옛적 조선 시대 → 조선 시대),
 *       idioms included (호랑이 담배 피우던 시절 → 옛날); an unknown era as said;</li>
 *   <li>place — what comes before "…에서 놀고 싶어요" and the like;</li>
 *   <li>characters — split at 랑/하고/와/과/그리고/commas and after an honorific 님 (해님 달님), joined with ", ";</li>
 *   <li>topic — "…에 관한/대한/대해서 (이야기|거)" is its noun; a clause is kept, "…는 거" written "…는 것".</li>
 * </ol>
 */
public final class FieldParser {

  private static final List<Framing> POLITE = Framing.longestFirst(FieldWords.POLITE);
  private static final List<Framing> ERA_FRAMING = Framing.longestFirst(FieldWords.POLITE, FieldWords.ERA_TRAILERS);
  private static final List<Framing> TOPIC_FRAMING = Framing.longestFirst(FieldWords.POLITE, FieldWords.TOPIC_ABOUT);
  private static final Words WORDS = Words.keeping(",&");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?。？！\\n]+");
  private static final Pattern ELLIPSIS = Pattern.compile("\\.{2,}|…");
  private static final Pattern VERB_END = Pattern.compile(".*(요|어|아|다|래|자|고|게|면|네|지)$");
  private static final Set<String> THING = Set.of("거", "거요", "거예요", "거에요", "것", "것이요", "것이에요");

  private FieldParser() {
  }

  /** The parsed value of {@code text} as an answer for {@code type}; empty when nothing was said. */
  public static String parse(FieldType type, String text) {
    List<String> sentences = sentences(text);
    if (type == FieldType.CHARACTERS) {
      return String.join(", ", characters(words(String.join(" , ", sentences))));
    }
    for (List<String> words : spokenSentences(sentences)) {
      List<String> place = type == FieldType.PLACE ? place(words) : words;
      String value = switch (type) {
        case ERA -> era(words);
        case PLACE -> reduce(String.join(" ", place), POLITE, place.size() < words.size());
        case TOPIC -> topic(reduce(String.join(" ", words), TOPIC_FRAMING, false));
        case CHARACTERS -> throw new IllegalStateException();
      };
      if (!value.isEmpty()) {
        return value;
      }
    }
    return "";
  }

  /** Whether {@code text} holds nothing but whisper's hallucinations on silence (and hesitations). */
  public static boolean onlyHallucinations(String text) {
    String normalized = Words.normalize(text);
    return !WORDS.split(normalized).isEmpty() && sentences(normalized).stream().allMatch(s -> words(s).isEmpty())
        && SENTENCE_END.splitAsStream(normalized).anyMatch(SilenceHallucinations::in);
  }

  /** The sentences of the answer that are not silence hallucinations. */
  private static List<String> sentences(String text) {
    return SENTENCE_END.splitAsStream(ELLIPSIS.matcher(Words.normalize(text)).replaceAll(" "))
        .filter(s -> !s.isBlank() && !SilenceHallucinations.in(s))
        .toList();
  }

  /**
   * The words of each sentence, a sentence also ending after a word closed by a spoken sentence ending
   * (바다요 바다 is two sentences: 바다요 | 바다), never after a name that only ends like one (타요).
   */
  private static List<List<String>> spokenSentences(List<String> sentences) {
    List<List<String>> spoken = new ArrayList<>();
    for (String sentence : sentences) {
      List<String> current = new ArrayList<>();
      for (String word : words(sentence)) {
        current.add(word);
        if (word.endsWith("요") && !FieldWords.ENDINGS.stem(word, false).equals(word)) {
          spoken.add(current);
          current = new ArrayList<>();
        }
      }
      if (!current.isEmpty()) {
        spoken.add(current);
      }
    }
    return spoken;
  }

  /** The words of one sentence: punctuation out, commas as words (but not a filler's: 음, 토끼), fillers and lead-ins out. */
  private static List<String> words(String sentence) {
    List<String> words = new ArrayList<>();
    boolean afterFiller = false;
    for (String word : WORDS.split(sentence.replaceAll("[,&]", " $0 "))) {
      boolean lead = words.isEmpty() && FieldWords.LEADING_WORDS.contains(word);
      boolean filler = FieldWords.FILLERS.contains(collapseRepeats(word.toLowerCase(Locale.ROOT)));
      if (!lead && !filler && !(afterFiller && word.equals(","))) {
        words.add(word);
      }
      afterFiller = filler || afterFiller && word.equals(",");
    }
    while (!words.isEmpty() && FieldWords.SEPARATORS.contains(words.get(0))) {
      words.remove(0);
    }
    while (!words.isEmpty() && FieldWords.SEPARATORS.contains(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
    }
    return words;
  }

  private static String era(List<String> words) {
    String reduced = reduce(String.join(" ", words), ERA_FRAMING, false);
    List<String> stems = new ArrayList<>();
    for (String word : words) {
      if (!FieldWords.SEPARATORS.contains(word)) {
        stems.add(FieldWords.ENDINGS.stem(word, true));
      }
    }
    String known = EraNames.find(stems);
    return known != null ? known : EraNames.spaced(reduced);
  }

  /** The words up to a locative word followed by what is done there (학교에서 놀고 싶어요 → 학교에서). */
  private static List<String> place(List<String> words) {
    for (int i = 0; i < words.size() - 1; i++) {
      String word = words.get(i);
      boolean locative = FieldWords.LOCATIVES.stream()
          .anyMatch(p -> word.endsWith(p) && word.length() > p.length());
      String last = FieldWords.ENDINGS.stem(words.get(words.size() - 1), false);
      if (locative && VERB_END.matcher(last).matches()) {
        return words.subList(0, i + 1);
      }
    }
    return words;
  }

  private static String topic(String reduced) {
    int space = reduced.lastIndexOf(' ');
    if (space > 0 && THING.contains(reduced.substring(space + 1))) {
      return reduced.substring(0, space) + " 것";
    }
    return reduced;
  }

  /** Framing off, the last word's endings off once, then framing that stood before those endings. */
  private static String reduce(String phrase, List<Framing> framings, boolean cut) {
    String clean = phrase.replace(",", " ").replaceAll("\\s+", " ").trim();
    String framed = stripAllFraming(clean, framings);
    int space = framed.lastIndexOf(' ');
    String stemmed = framed.substring(0, space + 1)
        + FieldWords.ENDINGS.stem(framed.substring(space + 1), cut || !framed.equals(clean));
    return stripAllFraming(stemmed, framings);
  }

  private static String stripAllFraming(String phrase, List<Framing> framings) {
    String current = phrase;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Framing framing : framings) {
        String stripped = framing.strip(current);
        if (!stripped.equals(current)) {
          current = stripped;
          changed = true;
          break;
        }
      }
    }
    return current;
  }

  /** The characters named in the words, in order, each once. */
  private static List<String> characters(List<String> words) {
    String framed = stripAllFraming(String.join(" ", words), POLITE);
    Set<String> characters = new LinkedHashSet<>();
    List<String> current = new ArrayList<>();
    for (String word : framed.split(" ")) {
      if (word.isEmpty() || FieldWords.SEPARATORS.contains(word.toLowerCase(Locale.ROOT))) {
        close(current, characters);
        continue;
      }
      String stem = FieldWords.JOINING.stem(word, false);
      current.add(stem);
      if (!stem.equals(word) || FieldWords.ENDINGS.stem(word, false).endsWith("님")) {
        close(current, characters);
      }
    }
    close(current, characters);
    return List.copyOf(characters);
  }

  private static void close(List<String> words, Set<String> characters) {
    if (!words.isEmpty()) {
      String character = reduce(String.join(" ", words), POLITE, false);
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
