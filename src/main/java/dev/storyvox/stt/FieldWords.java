package dev.storyvox.stt;

import static dev.storyvox.korean.Ending.afterConsonant;
import static dev.storyvox.korean.Ending.afterVowel;
import static dev.storyvox.korean.Ending.any;
import static dev.storyvox.korean.Framing.attached;
import static dev.storyvox.korean.Framing.detached;

import dev.storyvox.korean.Ending;
import dev.storyvox.korean.Framing;
import dev.storyvox.korean.Particles;
import java.util.List;
import java.util.Set;

/** The word tables behind {@link FieldParser}: what a child says around the answer itself. */
final class FieldWords {

  /** Hesitations, dropped wherever they stand (repeats such as 음음음 count as one). */
  static final Set<String> FILLERS = Set.of(
      "음", "으음", "음음", "어", "으", "아", "에", "흠", "그", "저", "저기", "저기요", "뭐", "뭐지",
      "그게", "그냥", "그러니까", "그러니까요", "있잖아", "있잖아요", "있지", "um", "uh", "umm");

  /** Words that introduce the answer, dropped at the start of the phrase. */
  static final Set<String> LEADING_WORDS = Set.of(
      "나는", "난", "저는", "전", "내가", "제가", "우리는", "주인공은", "주인공은요", "주인공이");

  /** Particles and the sentence endings of a spoken answer that close its last word (숲이요, 공룡이에요). */
  static final List<Ending> ENDINGS = Particles.with(Particles.JOINING, List.of(
      afterConsonant("이요"), any("요"),
      afterConsonant("이에요"), afterVowel("예요"), any("에요"),
      afterConsonant("이야"), afterVowel("야"),
      afterConsonant("이었으면"), afterVowel("였으면"),
      afterConsonant("이면"), afterVowel("면"),
      any("한테")));

  /** Nouns whose last syllable looks like a particle or ending: never cut. */
  static final Set<String> PROTECTED_NOUNS = Set.of(
      "고양이", "거북이", "원숭이", "호랑이", "부엉이", "올챙이", "달팽이", "지렁이", "굼벵이", "반딧불이",
      "어린이", "놀이", "곰돌이", "멍멍이", "야옹이", "바둑이", "흰둥이", "검둥이", "누렁이", "오뚝이",
      "동요", "사랑", "파랑", "노랑", "미로", "도로", "요요", "화가", "아가", "요가", "라면", "가면", "장면", "화면");

  /** Words that separate characters on their own. */
  static final Set<String> SEPARATORS = Set.of(",", "그리고", "또", "또는", "및", "and", "&");

  /** Polite framing of any answer: "…로 해 주세요", "…가 좋아요", "…할래요", "…였으면 좋겠어요". */
  static final List<Framing> POLITE = List.of(
      detached("해 주세요"), detached("해 줘요"), detached("해 줘"), detached("해 주라"),
      detached("해요"), detached("해"), detached("주세요"), detached("줘요"), detached("줘"),
      attached("하고 싶어요"), attached("하고 싶어"), attached("싶어요"), attached("할게요"),
      attached("할게"), attached("할래요"), attached("할래"), attached("하자"), attached("하면"),
      attached("했으면"), attached("좋겠어요"), attached("좋겠어"), attached("좋겠다"),
      attached("좋을 것 같아요"), attached("좋을 것 같아"), attached("좋아요"), attached("좋아"),
      attached("가고 싶어요"), attached("가고 싶어"), attached("갈래요"), attached("갈래"),
      attached("가자"), detached("가요"), attached("나와요"), attached("나오면"), attached("나왔으면"));

  /** Words after an era that only say "the time of" (조선 시대 때, 공룡 시절). */
  static final List<Framing> ERA_TRAILERS = List.of(
      attached("때"), detached("시절"), attached("무렵"), attached("쯤"), attached("즈음"));

  /**
   * "About" framing of a topic, reduced to the noun it is about (우정에 대한 이야기 → 우정). A topic
   * said as a clause (친구를 돕는 이야기) is kept whole.
   */
  static final List<Framing> TOPIC_ABOUT = List.of(
      attached("에 대한 이야기"), attached("에 관한 이야기"), attached("에 대한 얘기"),
      attached("에 관한 얘기"), attached("에 대한 내용"), attached("에 대한 것"), attached("에 대한 거"),
      attached("에 대해서"), attached("에 관해서"), attached("에 대해"), attached("에 관해"),
      attached("에 대한"), attached("에 관한"));

  private FieldWords() {
  }
}
