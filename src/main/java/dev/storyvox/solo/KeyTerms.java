package dev.storyvox.solo;

import dev.storyvox.solo.AnswerScanner.Piece;
import dev.storyvox.korean.EndingStripper;
import dev.storyvox.korean.Hangul;
import dev.storyvox.korean.Transliteration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The key terms of a model answer and how much of them a learner's explanation covers, decided
 * deterministically so that grading does not rest on the LLM alone.
 *
 * <p>Terms are the answer's nouns without their particles (프로세스는 → 프로세스), its Latin words and
 * acronyms (Code, IPC) and compounds of adjacent nouns (주소 공간, 프로세스 간 통신), which count once: their
 * parts are terms only where the answer also uses them alone. A parenthesised gloss that spells the word before
 * it or abbreviates it (프로세스(Process), 프로세스 간 통신(IPC)) is another name of the same term; a Latin
 * term and a Hangul term that spell each other are one term too. Predicates (말합니다, 받을, 독립된), stopwords
 * (각, 별도, 위해서) and one-syllable Hangul words (unless listed bare: "힙, 스택") are not terms. Terms keep
 * the order in which the answer first uses them and weigh as often as it uses them, by any name, at most
 * {@value #MAX_WEIGHT}.
 */
public final class KeyTerms {

  private static final EndingStripper PARTICLES =
      new EndingStripper(TermWords.PARTICLES, TermWords.PROTECTED_NOUNS);
  private static final Pattern LATIN = Pattern.compile("[A-Za-z][A-Za-z0-9+#._/-]*");
  private static final Pattern DIGITS = Pattern.compile("[0-9.]+");
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[,;、]");
  private static final Pattern ACRONYM = Pattern.compile("[A-Z][A-Z0-9]{1,5}s?");
  private static final int MAX_ALIAS_WORDS = 4;
  private static final int MAX_SPELLED_WORDS = 3;
  /** A term weighs as often as the model answer uses it, at most this much, so no term outweighs the rest. */
  static final int MAX_WEIGHT = 3;

  private KeyTerms() {
  }

  /** The key terms of {@code modelAnswer} in order of first use; empty for a blank answer. */
  public static List<Term> extract(String modelAnswer) {
    Collector terms = new Collector();
    List<String> run = new ArrayList<>();
    for (Piece piece : AnswerScanner.scan(modelAnswer)) {
      String noun = noun(piece.word());
      if (noun == null) {
        if (TermWords.JOINERS.contains(piece.word()) && !run.isEmpty() && piece.parenthesised() == null) {
          run.add(piece.word());
          continue;
        }
        closeRun(run, terms, false);
        if (piece.parenthesised() != null) {
          parenthesised(null, piece.parenthesised(), terms);
        }
        continue;
      }
      run.add(noun);
      boolean listed = noun.equals(piece.word()) && piece.endsPhrase();
      if (piece.parenthesised() != null) {
        parenthesised(closeRun(run, terms, true), piece.parenthesised(), terms);
      } else if (!noun.equals(piece.word()) || piece.endsPhrase()) {
        closeRun(run, terms, listed);
      }
    }
    closeRun(run, terms, false);
    return terms.toList();
  }

  /**
   * Which of {@code terms} the learner's {@code userText} uses. A term counts when any of its names is said,
   * spaces and case aside; when a Hangul word spells an English name or an English word a Hangul name
   * ({@link Transliteration}: 스택 for Stack, process for 프로세스); or, for a compound, when each of its parts is.
   */
  public static Coverage coverage(List<Term> terms, String userText) {
    String said = TermText.key(userText);
    List<String> words = saidWords(userText);
    List<String> included = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    int covered = 0;
    int total = 0;
    for (Term term : terms) {
      boolean mentioned = Stream.concat(Stream.of(term.text()), term.aliases().stream())
          .anyMatch(name -> TermText.mentions(said, TermText.key(name)) || spelled(name, words))
          || partsMentioned(term.text(), said, words);
      (mentioned ? included : missed).add(term.text());
      covered += mentioned ? term.weight() : 0;
      total += term.weight();
    }
    return new Coverage(included, missed, total == 0 ? 0 : (double) covered / total);
  }

  /** The learner's words without their particles (스택은 → 스택). */
  private static List<String> saidWords(String text) {
    return AnswerScanner.scan(text == null ? "" : text).stream()
        .map(piece -> PARTICLES.stripAll(piece.word()))
        .filter(word -> !word.isEmpty())
        .toList();
  }

  /** Whether one to three adjacent {@code words} spell {@code name} in the other script. */
  private static boolean spelled(String name, List<String> words) {
    for (int i = 0; i < words.size(); i++) {
      StringBuilder span = new StringBuilder();
      for (int n = 0; n < MAX_SPELLED_WORDS && i + n < words.size(); n++) {
        span.append(words.get(i + n));
        if (Transliteration.matches(span.toString(), name) || Transliteration.matches(name, span.toString())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether every part of a compound term (주소 공간: 주소 and 공간) is said. */
  private static boolean partsMentioned(String term, String said, List<String> words) {
    List<String> parts = List.of(term.split(" ")).stream()
        .filter(part -> !TermWords.JOINERS.contains(part))
        .toList();
    return parts.size() > 1
        && parts.stream().allMatch(part -> TermText.mentions(said, TermText.key(part)) || spelled(part, words));
  }

  /** The word as a noun without its particles, or {@code null} when it is no term. */
  private static String noun(String word) {
    boolean copula = TermWords.COPULAS.stream().anyMatch(word::endsWith);
    if (word.isEmpty() || TermWords.STOPWORDS.contains(word) || !copula && isPredicate(word)) {
      return null;
    }
    String stem = PARTICLES.stripAll(word);
    boolean grammar = isPredicate(stem) || TermWords.STOPWORDS.contains(stem)
        || TermWords.JOINERS.contains(stem);
    boolean english = LATIN.matcher(stem).matches();
    if (grammar || DIGITS.matcher(stem).matches() || english && stem.length() == 1
        || english && TermWords.ENGLISH_STOPWORDS.contains(stem.toLowerCase(Locale.ROOT))) {
      return null;
    }
    return stem;
  }

  /** Whether the word ends as a predicate does, or is a verb stem with a final consonant before 고 (맺고). */
  private static boolean isPredicate(String word) {
    int last = word.length() - 1;
    boolean verbGo = last > 0 && word.charAt(last) == '고' && Hangul.hasFinalConsonant(word.charAt(last - 1))
        && !"ㅇㄴ".contains(finalOf(word.charAt(last - 1)));
    return verbGo || TermWords.PREDICATE_ENDINGS.stream().anyMatch(word::endsWith);
  }

  private static String finalOf(char syllable) {
    int index = (syllable - '가') % 28;
    return index == 21 ? "ㅇ" : index == 4 ? "ㄴ" : "x";
  }

  /**
   * Ends the run of adjacent nouns; adds and returns the compound they form or the single noun, or {@code null}.
   * {@code listed}: the run's last noun stood bare before punctuation, as an item of a list does (힙, 스택).
   */
  private static String closeRun(List<String> run, Collector terms, boolean listed) {
    while (!run.isEmpty() && TermWords.JOINERS.contains(run.get(run.size() - 1))) {
      run.remove(run.size() - 1);
    }
    String named = run.isEmpty() ? null : String.join(" ", run);
    if (named != null) {
      terms.add(named, listed);
    }
    run.clear();
    return named;
  }

  /**
   * A single parenthesised name that spells the named term, abbreviates it or glosses a compound (프로세스(Process),
   * 프로세스 간 통신(IPC), 교착 상태(Deadlock)) is another name of that one term; any other is a term of its own, and so is each item of a list
   * (Code, Data, Stack, Heap), one-syllable items included.
   */
  private static void parenthesised(String named, String content, Collector terms) {
    List<String> items = LIST_SEPARATOR.splitAsStream(content)
        .map(String::trim)
        .filter(item -> !item.isEmpty())
        .toList();
    if (named != null && items.size() == 1 && items.get(0).split("\\s+").length <= MAX_ALIAS_WORDS
        && (ACRONYM.matcher(items.get(0)).matches() || named.contains(" ")
            || Transliteration.matches(named, items.get(0)))) {
      terms.alias(named, items.get(0));
      return;
    }
    for (String item : items) {
      String noun = noun(item);
      if (noun != null) {
        terms.add(noun, items.size() > 1);
      }
    }
  }

  /**
   * Terms by comparable text, in order of first use, with their other names and use counts. A Latin term
   * and a Hangul term that spell each other are one term (Stack and 스택); a one-syllable Hangul word is no term
   * unless the answer lists it (bare before punctuation, or in a parenthesised list).
   */
  private static final class Collector {

    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, Set<String>> aliases = new LinkedHashMap<>();
    private final Map<String, Integer> weights = new LinkedHashMap<>();

    void add(String text, boolean listed) {
      String key = TermText.key(text);
      if (key.isEmpty() || !listed && key.length() == 1 && Hangul.isSyllable(key.charAt(0))) {
        return;
      }
      String owner = owner(key, text);
      if (owner == null) {
        texts.put(key, text);
        aliases.put(key, new LinkedHashSet<>());
        owner = key;
      }
      weights.merge(owner, 1, Integer::sum);
    }

    void alias(String named, String other) {
      String key = TermText.key(named);
      if (texts.containsKey(key) && !key.equals(TermText.key(other))) {
        aliases.get(key).add(other);
        weights.merge(key, 1, Integer::sum);
      }
    }

    /** The key of the term that {@code text} names: itself, an alias, or a term it spells in the other script. */
    private String owner(String key, String text) {
      if (texts.containsKey(key)) {
        return key;
      }
      for (Map.Entry<String, String> term : texts.entrySet()) {
        boolean named = aliases.get(term.getKey()).stream().anyMatch(a -> TermText.key(a).equals(key));
        boolean spelled = Transliteration.matches(term.getValue(), text) || Transliteration.matches(text, term.getValue());
        if (named || spelled) {
          if (spelled) {
            aliases.get(term.getKey()).add(text);
          }
          return term.getKey();
        }
      }
      return null;
    }

    List<Term> toList() {
      return texts.entrySet().stream()
          .map(e -> new Term(e.getValue(), List.copyOf(aliases.get(e.getKey())),
              Math.min(MAX_WEIGHT, weights.get(e.getKey()))))
          .toList();
    }
  }
}
