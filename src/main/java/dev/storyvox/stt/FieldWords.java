package dev.storyvox.stt;

import static dev.storyvox.korean.Ending.afterConsonant;
import static dev.storyvox.korean.Ending.afterVowel;
import static dev.storyvox.korean.Ending.any;
import static dev.storyvox.korean.Framing.attached;
import static dev.storyvox.korean.Framing.detached;

import dev.storyvox.korean.EndingLayers;
import dev.storyvox.korean.EndingLayers.Layer;
import dev.storyvox.korean.Framing;
import dev.storyvox.korean.NounShapes;
import dev.storyvox.korean.Particles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The word tables behind {@link FieldParser}: what a child says around the answer itself. */
final class FieldWords {

  /** Hesitations, dropped wherever they stand (repeats such as 음음음 count as one). */
  static final Set<String> FILLERS = Set.of(
      "음", "으음", "음음", "어", "으", "아", "에", "흠", "그", "저", "저기", "저기요", "뭐", "뭐지", "뭐냐면",
      "그게", "그냥", "그러니까", "그러니까요", "그니까", "있잖아", "있잖아요", "있지", "막", "약간", "일단",
      "um", "uh", "umm", "hmm");

  /** Words that introduce the answer, dropped at the start of the phrase. */
  static final Set<String> LEADING_WORDS = Set.of(
      "나는", "나는요", "난", "저는", "저는요", "전", "내가", "제가", "우리는", "주인공은", "주인공은요", "주인공이");

  /** Sentence endings and the copula on the last word (숲이요, 공룡이에요, 시대였으면): the outer layer. */
  private static final Layer SENTENCE = new Layer(List.of(
      afterConsonant("이요"), any("요"), afterConsonant("이에요"), afterVowel("예요"), any("에요"),
      afterConsonant("이야"), afterVowel("야"), afterConsonant("이었으면"), afterVowel("였으면"),
      afterConsonant("이었어요"), afterVowel("였어요"), afterConsonant("이면"), afterVowel("면"),
      afterConsonant("이지"), any("입니다"), afterConsonant("이다"), afterConsonant("인데"), afterVowel("인데")),
      true, Set.of());

  /** Particles (숲이, 우주에서, 토끼랑); 로/으로 only before framing (숲으로 해 주세요), as names end in 로 (뽀로로). */
  private static final Layer PARTICLE = new Layer(
      Particles.with(Particles.JOINING, List.of(any("한테"), any("에서는"), any("에는"), any("까지"), any("부터"))),
      false, Set.of("로", "으로"));

  /** Nouns that start a word and end like an ending (사랑 is no 사 + 랑, 동요 no 동 + 요). */
  private static final Set<String> PROTECTED_WORDS = Set.of(
      "사랑", "파랑", "노랑", "미로", "도로", "동요", "요요", "화가", "아가", "요가", "라면", "가면", "장면",
      "화면", "이야기", "얘기", "나이", "아이", "오이", "고구마");

  /**
   * Noun endings that look like the particle 이 (or 가, 로): the suffixes that make nouns of people and
   * animals (난쟁이, 쌍둥이, 멋쟁이, 고양이, 원숭이, 곰돌이, 바둑이, 어린이, 반딧불이).
   */
  private static final Set<String> NOUN_SUFFIXES = Set.of(
      "쟁이", "둥이", "뚱이", "퉁이", "뱅이", "챙이", "팽이", "렁이", "벵이", "숭이", "엉이", "랑이",
      "양이", "옹이", "멍이", "돌이", "순이", "둑이", "북이", "뚝이", "불이", "놀이", "린이", "박이", "잡이",
      "깽이", "꿍이", "걸이", "잠이", "뭉이", "덩이", "룽이", "씨");

  static final EndingLayers ENDINGS =
      new EndingLayers(List.of(SENTENCE, PARTICLE), new NounShapes(PROTECTED_WORDS, NOUN_SUFFIXES));

  /** The particles that join two characters (토끼랑, 공주님과, 엄마하고), protected nouns kept whole. */
  static final EndingLayers JOINING = new EndingLayers(
      List.of(new Layer(Particles.JOINING, false, Set.of())), new NounShapes(PROTECTED_WORDS, NOUN_SUFFIXES));

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
      attached("가자"), detached("가요"), attached("나와요"), attached("나오면"), attached("나왔으면"),
      detached("나오는 거요"), detached("나오는 거"));

  /** Words after an era that only say "the time of" (조선 시대 때, 공룡 시절). */
  static final List<Framing> ERA_TRAILERS = List.of(
      attached("때"), detached("시절"), attached("무렵"), attached("쯤"), attached("즈음"));

  /**
   * "About" framing of a topic, reduced to the noun it is about: every "에 대한/관한/대해서/관해서/대해/관해"
   * with or without a following 이야기, 얘기, 거, 것, 내용 or 동화 (우정에 관한 거 → 우정). A topic said as a
   * clause (친구를 돕는 이야기) is kept whole.
   */
  static final List<Framing> TOPIC_ABOUT = about();

  /** Place framing: "…에서 놀고 싶어요" and the like say where; the verb after 에서/에 goes. */
  static final Set<String> LOCATIVES = Set.of("에서", "에서는", "에", "에는");

  private FieldWords() {
  }

  private static List<Framing> about() {
    List<Framing> framings = new ArrayList<>();
    for (String about : List.of("대한", "관한", "대해서", "관해서", "대해", "관해")) {
      for (String what : List.of("", " 이야기", " 얘기", " 거", " 거요", " 것", " 내용", " 동화")) {
        framings.add(attached("에 " + about + what));
      }
    }
    return List.copyOf(framings);
  }
}
