package dev.storyvox.solo;

import dev.storyvox.solo.AnswerScanner.Piece;
import dev.storyvox.korean.EndingStripper;
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
 * acronyms (Code, IPC), compounds of adjacent nouns (주소 공간, 프로세스 간 통신) and parenthesised
 * names, linked as aliases of the word they follow (프로세스(Process)). Predicates (말합니다, 실행되고,
 * 독립된) and stopwords (각, 별도, 위해서) are not terms. Terms keep the order in which the answer first
 * uses them and weigh as often as it uses them.
 */
public final class KeyTerms {

  private static final EndingStripper PARTICLES =
      new EndingStripper(TermWords.PARTICLES, TermWords.PROTECTED_NOUNS);
  private static final Pattern LATIN = Pattern.compile("[A-Za-z][A-Za-z0-9+#._/-]*");
  private static final Pattern DIGITS = Pattern.compile("[0-9.]+");
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[,;、]");
  private static final int MAX_ALIAS_WORDS = 4;

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
        closeRun(run, terms);
        if (piece.parenthesised() != null) {
          parenthesised(null, piece.parenthesised(), terms);
        }
        continue;
      }
      terms.add(noun);
      run.add(noun);
      if (piece.parenthesised() != null) {
        parenthesised(closeRun(run, terms), piece.parenthesised(), terms);
      } else if (!noun.equals(piece.word()) || piece.endsPhrase()) {
        closeRun(run, terms);
      }
    }
    closeRun(run, terms);
    return terms.toList();
  }

  /** Which of {@code terms} the learner's {@code userText} uses; a term counts when any of its names is said. */
  public static Coverage coverage(List<Term> terms, String userText) {
    String said = TermText.key(userText);
    List<String> included = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    int covered = 0;
    int total = 0;
    for (Term term : terms) {
      boolean mentioned = Stream.concat(Stream.of(term.text()), term.aliases().stream())
          .anyMatch(name -> TermText.mentions(said, TermText.key(name)));
      (mentioned ? included : missed).add(term.text());
      covered += mentioned ? term.weight() : 0;
      total += term.weight();
    }
    return new Coverage(included, missed, total == 0 ? 0 : (double) covered / total);
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
    if (grammar || DIGITS.matcher(stem).matches()
        || english && TermWords.ENGLISH_STOPWORDS.contains(stem.toLowerCase(Locale.ROOT))) {
      return null;
    }
    return stem;
  }

  private static boolean isPredicate(String word) {
    return TermWords.PREDICATE_ENDINGS.stream().anyMatch(word::endsWith);
  }

  /** Ends the run of adjacent nouns; returns the compound they form, the single noun, or {@code null}. */
  private static String closeRun(List<String> run, Collector terms) {
    while (!run.isEmpty() && TermWords.JOINERS.contains(run.get(run.size() - 1))) {
      run.remove(run.size() - 1);
    }
    String named = run.isEmpty() ? null : String.join(" ", run);
    if (run.size() > 1) {
      terms.add(named);
    }
    run.clear();
    return named;
  }

  /** A single parenthesised name is an alias of {@code named}; a list names terms of its own. */
  private static void parenthesised(String named, String content, Collector terms) {
    List<String> items = LIST_SEPARATOR.splitAsStream(content)
        .map(String::trim)
        .filter(item -> !item.isEmpty())
        .toList();
    if (named != null && items.size() == 1 && items.get(0).split("\\s+").length <= MAX_ALIAS_WORDS) {
      terms.add(items.get(0));
      terms.link(named, items.get(0));
      return;
    }
    for (String item : items) {
      String noun = noun(item);
      if (noun != null) {
        terms.add(noun);
      }
    }
  }

  /** Terms by comparable text, in order of first use, with their aliases and use counts. */
  private static final class Collector {

    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, Set<String>> aliases = new LinkedHashMap<>();
    private final Map<String, Integer> weights = new LinkedHashMap<>();

    void add(String text) {
      String key = TermText.key(text);
      if (!key.isEmpty()) {
        texts.putIfAbsent(key, text);
        aliases.putIfAbsent(key, new LinkedHashSet<>());
        weights.merge(key, 1, Integer::sum);
      }
    }

    void link(String one, String other) {
      String oneKey = TermText.key(one);
      String otherKey = TermText.key(other);
      if (!oneKey.equals(otherKey) && texts.containsKey(oneKey) && texts.containsKey(otherKey)) {
        aliases.get(oneKey).add(texts.get(otherKey));
        aliases.get(otherKey).add(texts.get(oneKey));
      }
    }

    List<Term> toList() {
      return texts.entrySet().stream()
          .map(e -> new Term(e.getValue(), List.copyOf(aliases.get(e.getKey())), weights.get(e.getKey())))
          .toList();
    }
  }
}
