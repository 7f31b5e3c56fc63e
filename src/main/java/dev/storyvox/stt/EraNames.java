package dev.storyvox.stt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The canonical name of an era: the many ways a child says "long ago" or "the Joseon era" become one. */
final class EraNames {

  /** Canonical era → the ways it is said, written without spaces. */
  private static final Map<String, List<String>> SAID_AS = Map.ofEntries(
      Map.entry("옛날", List.of("옛날", "옛날옛적", "옛날옛날", "옛날옛날옛적", "옛적", "오래전", "오랜옛날", "예전")),
      Map.entry("현대", List.of("현대", "지금", "요즘", "오늘날", "현재", "지금시대", "요즘시대", "현대시대", "오늘")),
      Map.entry("미래", List.of("미래", "미래시대", "미래세계", "훗날")),
      Map.entry("조선 시대", List.of("조선", "조선시대", "조선왕조")),
      Map.entry("고려 시대", List.of("고려", "고려시대")),
      Map.entry("삼국 시대", List.of("삼국", "삼국시대")),
      Map.entry("공룡 시대", List.of("공룡", "공룡시대", "공룡들의시대")),
      Map.entry("석기 시대", List.of("석기", "석기시대", "구석기", "구석기시대", "신석기", "신석기시대")),
      Map.entry("중세", List.of("중세", "중세시대")),
      Map.entry("고대", List.of("고대", "고대시대")));

  /** Words that only stretch the time (아주 먼 옛날, 머나먼 미래), dropped before an era. */
  private static final Set<String> STRETCHERS = Set.of(
      "아주", "아주아주", "엄청", "정말", "진짜", "먼", "머나먼", "아득한", "아득히", "오래된", "아주먼");

  private static final Map<String, String> CANONICAL = invert(SAID_AS);

  private EraNames() {
  }

  /** The canonical era for a cleaned phrase, or the phrase itself (with "…시대" spaced) when unknown. */
  static String canonical(String phrase) {
    List<String> words = List.of(phrase.split(" "));
    int first = 0;
    while (first < words.size() - 1 && STRETCHERS.contains(words.get(first))) {
      first++;
    }
    String rest = String.join(" ", words.subList(first, words.size()));
    String known = CANONICAL.get(rest.replace(" ", ""));
    if (known != null) {
      return known;
    }
    return phrase.replaceAll("(\\S)시대$", "$1 시대");
  }

  private static Map<String, String> invert(Map<String, List<String>> saidAs) {
    Map<String, String> canonical = new HashMap<>();
    saidAs.forEach((era, ways) -> ways.forEach(way -> canonical.put(way, era)));
    return Map.copyOf(canonical);
  }
}
