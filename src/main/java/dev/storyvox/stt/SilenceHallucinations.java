package dev.storyvox.stt;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What whisper writes when it hears silence or noise, learnt from the subtitles of Korean video: sign-offs
 * (시청해 주셔서 감사합니다), channel calls (구독과 좋아요), news credits (MBC 뉴스 …). A sentence that
 * contains one, or is nothing but a bare thanks, was not said by the child.
 */
final class SilenceHallucinations {

  /** Markers found anywhere in a sentence, compared without spaces and in lower case. */
  private static final List<String> MARKERS = List.of(
      "시청해주셔서", "시청해줘서", "시청감사", "구독과좋아요", "구독좋아요", "좋아요와구독", "좋아요구독",
      "구독부탁", "구독해주", "알림설정", "다음영상에서", "다음영상으로", "다음시간에만나", "영상이도움",
      "mbc뉴스", "kbs뉴스", "sbs뉴스", "ytn뉴스", "jtbc뉴스", "자막제공", "자막by", "한글자막",
      "자막은", "thanksforwatching", "subtitlesby", "pleasesubscribe", "ご視聴");

  /** Sentences that are hallucinations when they are all there is. */
  private static final Set<String> WHOLE = Set.of(
      "감사합니다", "고맙습니다", "감사드립니다", "안녕하세요", "안녕히계세요", "bye", "thankyou", "you");

  private SilenceHallucinations() {
  }

  /** Whether {@code sentence} is one of whisper's silence hallucinations. */
  static boolean in(String sentence) {
    String key = sentence.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    return WHOLE.contains(key) || MARKERS.stream().anyMatch(key::contains);
  }
}
