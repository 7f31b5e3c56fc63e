package dev.storyvox.stt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The canonical name of an era, found anywhere in what was said: the many ways a child says "long ago" or
 * "the Joseon era" become one, inside a longer phrase too (옛날 옛적 조선 시대 → 조선 시대; 로봇이 있는
 * 미래 → 미래). When a phrase names several eras the last one wins, as a Korean phrase ends on its head
 * (옛날 옛적 조선 시대 is the Joseon era). Idioms for "long ago" (호랑이 담배 피우던 시절) are eras too.
 */
final class EraNames {

  /** Canonical era → the ways it is said, written without spaces. */
  private static final Map<String, List<String>> SAID_AS = Map.ofEntries(
      Map.entry("옛날", List.of("옛날", "옛날옛적", "옛날옛날", "옛날옛날옛적", "옛적", "오래전", "오랜옛날", "예전",
          "아주먼옛날", "먼옛날", "아주오래전", "옛날옛날에")),
      Map.entry("현대", List.of("현대", "지금", "요즘", "오늘날", "현재", "지금시대", "요즘시대", "현대시대", "오늘",
          "요즘세상", "지금세상", "현대사회")),
      Map.entry("미래", List.of("미래", "미래시대", "미래세계", "훗날", "먼훗날", "먼미래", "미래도시")),
      Map.entry("조선 시대", List.of("조선", "조선시대", "조선왕조")),
      Map.entry("고려 시대", List.of("고려", "고려시대")),
      Map.entry("삼국 시대", List.of("삼국", "삼국시대")),
      Map.entry("공룡 시대", List.of("공룡", "공룡시대", "공룡들의시대", "공룡들")),
      Map.entry("석기 시대", List.of("석기", "석기시대", "구석기", "구석기시대", "신석기", "신석기시대", "원시시대")),
      Map.entry("중세", List.of("중세", "중세시대")),
      Map.entry("고대", List.of("고대", "고대시대")));

  /** Idioms, matched in the phrase without spaces, and the era they mean. */
  private static final Map<Pattern, String> IDIOMS = Map.of(
      Pattern.compile("호랑이가?담배(를)?피우?(던|든|우던)"), "옛날",
      Pattern.compile("(할아버지|할머니|엄마|아빠|부모님|할아버님|할머님)(가|께서|이)?(어렸|어릴|젊었|꼬마)"), "옛날",
      Pattern.compile("(로봇|우주선|자동차)이?(가)?하늘을?나는"), "미래");

  /** Words said after an era that only mean "the time of" (조선 시대 때). */
  private static final List<String> TRAILERS = List.of("때", "시절", "무렵", "쯤", "즈음", "적");

  private static final int LONGEST_SAYING = 4;
  private static final Map<String, String> CANONICAL = invert(SAID_AS);

  private EraNames() {
  }

  /**
   * The canonical era that {@code stems} (the words of one sentence without their endings) name, the last
   * one when several, or {@code null} when they name none.
   */
  static String find(List<String> stems) {
    String joined = String.join("", stems);
    String found = null;
    for (Map.Entry<Pattern, String> idiom : IDIOMS.entrySet()) {
      if (idiom.getKey().matcher(joined).find()) {
        found = idiom.getValue();
      }
    }
    for (int i = 0; i < stems.size(); i++) {
      for (int n = Math.min(LONGEST_SAYING, stems.size() - i); n > 0; n--) {
        String era = known(String.join("", stems.subList(i, i + n)));
        if (era != null) {
          found = era;
          i += n - 1;
          break;
        }
      }
    }
    return found;
  }

  /** An era this function does not know, said as it was, with "…시대" spaced (로마시대 → 로마 시대). */
  static String spaced(String phrase) {
    return phrase.replaceAll("(\\S)시대$", "$1 시대");
  }

  private static String known(String saying) {
    String era = CANONICAL.get(saying);
    for (int t = 0; era == null && t < TRAILERS.size(); t++) {
      String trailer = TRAILERS.get(t);
      if (saying.length() > trailer.length() && saying.endsWith(trailer)) {
        era = CANONICAL.get(saying.substring(0, saying.length() - trailer.length()));
      }
    }
    return era;
  }

  private static Map<String, String> invert(Map<String, List<String>> saidAs) {
    Map<String, String> canonical = new HashMap<>();
    saidAs.forEach((era, ways) -> ways.forEach(way -> canonical.put(way, era)));
    return Map.copyOf(canonical);
  }
}
