package dev.storyvox.korean;

import java.util.Set;

/**
 * What a Korean noun may end with although it looks like a particle or ending, so that stripping never cuts
 * into it: whole nouns (사랑, 미로, 동요) protected where they start a word, and noun-forming suffixes
 * (쟁이 in 난쟁이 and 개구쟁이, 둥이 in 쌍둥이, 양이 in 고양이) protected wherever they stand.
 *
 * @param words nouns protected when a word starts with them (천사랑 is still 천사 + 랑)
 * @param suffixes noun endings protected anywhere in a word
 */
public record NounShapes(Set<String> words, Set<String> suffixes) {

  public NounShapes {
    words = Set.copyOf(words);
    suffixes = Set.copyOf(suffixes);
  }

  /**
   * Whether cutting {@code word} at {@code cut} (the stem's length) would split a protected noun or suffix. A cut
   * right after a protected noun that starts the word is always allowed (사랑이요 is 사랑 + 이요, although 랑이
   * ends 호랑이).
   */
  public boolean cutsInto(String word, int cut) {
    for (String noun : words) {
      if (word.startsWith(noun)) {
        if (cut < noun.length()) {
          return true;
        }
        if (cut == noun.length()) {
          return false;
        }
      }
    }
    for (String suffix : suffixes) {
      for (int at = word.indexOf(suffix); at >= 0; at = word.indexOf(suffix, at + 1)) {
        if (at < cut && cut < at + suffix.length()) {
          return true;
        }
      }
    }
    return false;
  }
}
