package dev.storyvox.stt;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the result of the last {@code whisper_full} on a context into a {@link Transcript}: segment text
 * and timestamps (10 ms units), each segment's no-speech probability
 * ({@code whisper_full_get_segment_no_speech_prob}, whisper.cpp 1.9; 0 on 1.7.1, which has none) and its
 * confidence: the mean of {@code whisper_full_get_token_p} over its text tokens (ids below
 * {@code whisper_token_eot}; the timestamp, language and other special tokens come after it in the
 * vocabulary) times {@code 1 − no_speech_prob}. A segment whose no-speech probability is above the
 * request's {@code noSpeechThreshold} is dropped. When the decode ran with token timestamps, the words too
 * ({@link WhisperWords}).
 */
final class WhisperResults {
  static final double TICKS_PER_SECOND = 100.0;
  private static final Logger LOG = LoggerFactory.getLogger(WhisperResults.class);

  private WhisperResults() {
  }

  /**
   * The transcript of the last decode; its language is {@code request}'s unless that is
   * {@link WhisperRequest#AUTO}, then the one whisper detected ({@code whisper_full_lang_id}); a translation
   * is English. Its confidence is the mean of the kept segments' confidences weighted by their token counts.
   */
  static Transcript read(WhisperBinding binding, Pointer ctx, WhisperRequest request, double durationSeconds) {
    WhisperCApi api = binding.api();
    int eot = api.whisper_token_eot(ctx);
    int count = api.whisper_full_n_segments(ctx);
    List<TranscriptSegment> segments = new ArrayList<>(count);
    List<TranscriptWord> words = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    double confidenceSum = 0;
    int tokenCount = 0;
    for (int i = 0; i < count; i++) {
      float noSpeech = binding.noSpeechProb(ctx, i);
      TranscriptSegment segment = segment(api, ctx, i, eot, durationSeconds, Float.isNaN(noSpeech) ? 0 : noSpeech);
      if (segment.noSpeechProb() > request.noSpeechThreshold()) {
        LOG.debug("segment {} dropped: no-speech probability {} above {}: {}", i, segment.noSpeechProb(),
            request.noSpeechThreshold(), segment.text());
        continue;
      }
      segments.add(segment);
      if (request.words()) {
        words.addAll(WhisperWords.of(api, ctx, i, eot, segment));
      }
      text.append(segment.text());
      confidenceSum += segment.confidence() * segment.tokens();
      tokenCount += segment.tokens();
    }
    String language = request.translate() ? "en"
        : WhisperRequest.AUTO.equals(request.language())
        ? api.whisper_lang_str(api.whisper_full_lang_id(ctx)).getString(0, "UTF-8")
        : request.language();
    double confidence = tokenCount == 0 ? 0 : confidenceSum / tokenCount;
    return new Transcript(text.toString().strip(), language, durationSeconds, segments, confidence, words);
  }

  private static TranscriptSegment segment(WhisperCApi api, Pointer ctx, int index, int eot, double duration,
                                           double noSpeech) {
    double sum = 0;
    int tokens = 0;
    int n = api.whisper_full_n_tokens(ctx, index);
    for (int t = 0; t < n; t++) {
      if (api.whisper_full_get_token_id(ctx, index, t) < eot) {
        sum += api.whisper_full_get_token_p(ctx, index, t);
        tokens++;
      }
    }
    double start = Math.min(api.whisper_full_get_segment_t0(ctx, index) / TICKS_PER_SECOND, duration);
    double end = Math.min(api.whisper_full_get_segment_t1(ctx, index) / TICKS_PER_SECOND, duration);
    String text = api.whisper_full_get_segment_text(ctx, index).getString(0, "UTF-8");
    double noSpeechProb = Math.min(1.0, Math.max(0.0, noSpeech));
    double confidence = tokens == 0 ? 0 : Math.min(1.0, sum / tokens) * (1 - noSpeechProb);
    return new TranscriptSegment(start, end, text, confidence, tokens, noSpeechProb);
  }
}
