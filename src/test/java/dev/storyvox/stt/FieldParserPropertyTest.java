package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.storyvox.korean.Hangul;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random hesitations anywhere and random particles, endings and polite framing around known values keep the
 * value: the parser's rules, not a list of utterances. Every generator is seeded, so a failure names its input.
 */
class FieldParserPropertyTest {

  private static final int TRIALS = 400;
  private static final List<String> FILLERS = List.of("음", "어", "그", "저기", "그러니까", "그냥", "음…", "어,", "음음");

  private final Random random = new Random(Long.getLong("storyvox.propertySeed", 16));

  @Test
  void placesSurviveFillersAndEndings() {
    List<String> places = List.of("숲", "바다", "우주", "하늘나라", "놀이공원", "학교 운동장", "할머니 집", "사막",
        "얼음 나라", "정글", "뽀로로 마을", "동굴", "도서관", "미로", "과자 나라", "바닷가");
    for (int i = 0; i < TRIALS; i++) {
      String place = pick(places);
      String said = place + pick(List.of("", vowel(place, "요", "이요"), "에서요", vowel(place, "예요", "이에요"),
          directional(place), vowel(place, "가 좋아요", "이 좋아요"),
          vowel(place, "였으면 좋겠어요", "이었으면 좋겠어요"), "에 가고 싶어요", "에서 놀고 싶어요", "에 갈래요"));
      check(FieldType.PLACE, said, place);
    }
  }

  @Test
  void erasSurviveFillersAndEndings() {
    List<List<String>> eras = List.of(List.of("옛날", "옛날"), List.of("옛날 옛적", "옛날"), List.of("조선 시대", "조선 시대"),
        List.of("조선시대", "조선 시대"), List.of("미래", "미래"), List.of("먼 미래", "미래"), List.of("요즘", "현대"),
        List.of("지금", "현대"), List.of("공룡 시대", "공룡 시대"), List.of("고려 시대", "고려 시대"),
        List.of("석기 시대", "석기 시대"), List.of("아주 먼 옛날", "옛날"), List.of("호랑이 담배 피우던 시절", "옛날"));
    for (int i = 0; i < TRIALS; i++) {
      List<String> era = pick(eras);
      String said = era.get(0) + pick(List.of("", vowel(era.get(0), "요", "이요"), " 때요", directional(era.get(0)),
          vowel(era.get(0), "가 좋아요", "이 좋아요"), vowel(era.get(0), "였으면 좋겠어요", "이었으면 좋겠어요"), "에요"));
      check(FieldType.ERA, said, era.get(1));
    }
  }

  @Test
  void charactersSurviveFillersJoinersAndEndings() {
    List<String> names = List.of("뽀로로", "크롱", "타요", "난쟁이", "쌍둥이", "천사", "마법사", "기사", "공주님",
        "호랑이", "거북이", "토끼", "곰", "용", "로봇", "엘사", "개구쟁이", "고양이", "원숭이", "사과", "해님");
    for (int i = 0; i < TRIALS; i++) {
      String first = pick(names);
      String second = pick(names.stream().filter(n -> !n.equals(first)).toList());
      String joiner = pick(List.of(vowel(first, "랑 ", "이랑 "), "하고 ", vowel(first, "와 ", "과 "), ", ", " 그리고 "));
      String said = first + joiner + second + pick(List.of("", vowel(second, "요", "이요"),
          vowel(second, "가 나왔으면 좋겠어요", "이 나왔으면 좋겠어요"), vowel(second, "예요", "이에요")));
      check(FieldType.CHARACTERS, said, first + ", " + second);
    }
  }

  @Test
  void topicsSurviveFillersAndFraming() {
    List<String> topics = List.of("우정", "용기", "가족", "사랑", "자연", "환경", "나눔", "모험", "친구", "꿈", "동요");
    for (int i = 0; i < TRIALS; i++) {
      String topic = pick(topics);
      String said = topic + pick(List.of("", vowel(topic, "요", "이요"), "에 대한 이야기", "에 관한 거",
          "에 대해서요", "에 관한 이야기를 해 주세요", vowel(topic, "가 좋아요", "이 좋아요"), "에 대한 거요"));
      check(FieldType.TOPIC, said, topic);
    }
  }

  private void check(FieldType type, String said, String expected) {
    String withFillers = withFillers(said);
    assertEquals(expected, FieldParser.parse(type, withFillers), type + " of \"" + withFillers + "\"");
  }

  /** {@code said} with up to three hesitations at random word boundaries. */
  private String withFillers(String said) {
    List<String> words = new ArrayList<>(List.of(said.split(" ")));
    int fillers = random.nextInt(4);
    for (int f = 0; f < fillers; f++) {
      words.add(random.nextInt(words.size() + 1), pick(FILLERS));
    }
    return String.join(" ", words);
  }

  /** The ending a word takes: {@code afterVowel} after an open syllable, {@code afterConsonant} after a batchim. */
  private static String vowel(String word, String afterVowel, String afterConsonant) {
    return Hangul.hasFinalConsonant(word.charAt(word.length() - 1)) ? afterConsonant : afterVowel;
  }

  /** "…(으)로 해 주세요": 로 after an open syllable or ㄹ, 으로 after another batchim. */
  private static String directional(String word) {
    char last = word.charAt(word.length() - 1);
    return (Hangul.hasFinalRieul(last) ? "로" : vowel(word, "로", "으로")) + " 해 주세요";
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
