package dev.storyvox.solo;

import static dev.storyvox.korean.Ending.afterConsonant;
import static dev.storyvox.korean.Ending.afterVowel;
import static dev.storyvox.korean.Ending.afterVowelOrRieul;
import static dev.storyvox.korean.Ending.any;

import dev.storyvox.korean.Ending;
import dev.storyvox.korean.Particles;
import java.util.List;
import java.util.Set;

/** The word tables behind {@link KeyTerms}: what in a model answer is grammar rather than a term. */
final class TermWords {

  /** Particles that close a noun (프로세스는, 운영체제로부터, 메커니즘이). */
  static final List<Ending> PARTICLES = Particles.with(Particles.JOINING, List.of(
      afterConsonant("이란"), afterVowel("란"), afterConsonant("이라고"), afterVowel("라고"),
      afterConsonant("이며"), afterConsonant("이고"),
      afterConsonant("으로부터"), afterVowelOrRieul("로부터"), afterConsonant("으로서"),
      afterVowelOrRieul("로서"), afterConsonant("으로써"), afterVowelOrRieul("로써"),
      any("의"), any("부터"), any("보다"), any("마다"), any("만큼"), any("들"), any("만"),
      afterConsonant("이나"), afterVowel("나"), any("한")));

  /** Copulas that end a noun, not a predicate, although they end like one (단위입니다, 자원이며). */
  static final List<String> COPULAS = List.of("입니다", "이다", "이며", "이고");

  /** Nouns whose last syllable looks like a particle: never cut (정의, 결과, 경로, 화면). */
  static final Set<String> PROTECTED_NOUNS = Set.of(
      "정의", "회의", "강의", "논의", "합의", "주의", "편의", "모의", "길이", "높이", "깊이", "넓이",
      "추가", "부가", "대가", "결과", "통과", "성과", "경로", "회로", "통로", "화면", "권한", "기한", "제한", "무한", "유한",
      "최소한", "바나나", "하나");

  /** Endings that make a word a predicate or modifier (말합니다, 할당받으며, 실행되고, 독립된). */
  static final List<String> PREDICATE_ENDINGS = List.of(
      "니다", "며", "는데", "지만", "어서", "아서", "해서", "여서", "어야", "아야", "해야",
      "되고", "있고", "없고", "않고", "받고", "지고", "같고", "되어", "하여", "된", "되는", "하는",
      "있는", "없는", "않는", "받는", "지는", "주는", "한다", "된다", "있다", "없다", "같다", "했다",
      "하면", "되면", "으면", "적인", "중인", "받을", "있을", "없을", "같을", "않을", "받은", "될", "할", "되며",
      "하며", "해야", "하기", "되기", "게", "춘", "사용해", "이용해", "변환해", "통해");

  /** Words that carry no term (각, 별도, 위해서, 이란), compared after particles are stripped. */
  static final Set<String> STOPWORDS = Set.of(
      "각", "별도", "모든", "여러", "다른", "같은", "이", "그", "저", "것", "수", "등", "및", "또는",
      "또한", "그리고", "하지만", "그러나", "따라서", "즉", "때", "경우", "위해", "위해서", "위한",
      "통해", "통해서", "통한", "대한", "대해", "대해서", "관한", "의한", "의해", "따라", "따른", "란",
      "이란", "말", "중", "자체", "대부분", "일부", "가장", "매우", "더", "잘", "다시", "서로", "함께",
      "이를", "이것", "그것", "이러한", "그러한", "하나", "두", "개", "후", "전", "동안", "이후",
      "이전", "주로", "보통", "일반적", "따로", "내", "외", "있", "없", "하", "되", "안", "밖", "위", "아래", "사이",
      "먼저", "나중", "모두", "이상", "이하", "시", "큰", "작은", "높은", "낮은", "새로운", "빠른", "느린", "평균");

  /** Words that join two nouns into one term (프로세스 간 통신). */
  static final Set<String> JOINERS = Set.of("간");

  /** English words that carry no term. */
  static final Set<String> ENGLISH_STOPWORDS = Set.of(
      "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "is", "are", "with", "by", "as",
      "at", "be", "it", "this", "that", "e.g", "i.e", "etc", "vs");

  private TermWords() {
  }
}
