package dev.storyvox.korean;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Strips Korean particles and endings off the end of a word, longest ending first, honouring which
 * syllable each ending may follow. Nouns whose last syllable looks like a particle (고양이, 사랑, 미로)
 * are protected: they are never cut, only what follows them is.
 */
public final class EndingStripper {

  private final List<Ending> endings;
  private final Set<String> endingTexts;
  private final List<String> protectedNouns;

  /**
   * @param endings the endings to strip
   * @param protectedNouns nouns that must stay whole although they end like a particle
   */
  public EndingStripper(List<Ending> endings, Set<String> protectedNouns) {
    this.endings = endings.stream()
        .sorted(Comparator.comparingInt((Ending e) -> e.text().length()).reversed())
        .toList();
    this.endingTexts = endings.stream().map(Ending::text).collect(Collectors.toUnmodifiableSet());
    this.protectedNouns = protectedNouns.stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  /** The word without its last ending, or the word itself when none of the endings closes it. */
  public String stripOnce(String word) {
    for (String noun : protectedNouns) {
      int at = word.lastIndexOf(noun);
      if (at >= 0) {
        int end = at + noun.length();
        if (end == word.length()) {
          return word;
        }
        if (endingTexts.contains(word.substring(end))) {
          return word.substring(0, end);
        }
      }
    }
    for (Ending ending : endings) {
      if (ending.closes(word)) {
        return word.substring(0, word.length() - ending.text().length());
      }
    }
    return word;
  }

  /** The word with every stacked ending stripped (우주에서요 → 우주). */
  public String stripAll(String word) {
    String current = word;
    for (String next = stripOnce(current); !next.equals(current); next = stripOnce(current)) {
      current = next;
    }
    return current;
  }
}
