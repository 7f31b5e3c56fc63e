package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import dev.storyvox.TestData;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The confidences are whisper.cpp's own token probabilities: an independent decode through the bare C
 * API reads the same per-token values the engine averages. The tiny random model's hand-wired decoder
 * gives its text tokens p = 1, so the timestamp tokens (p just under 1) show the values are computed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WhisperTokenProbabilityTest {

  @Test
  void segmentConfidenceIsTheMeanOfTheEnginesTextTokenProbabilities() throws Exception {
    float[] audio = WhisperTestAudio.firstSeconds(WhisperTestAudio.read16kMono(TestData.audio("jfk.wav")), 3);
    Transcript transcript;
    try (WhisperEngine engine = WhisperEngine.load(WhisperSettings.of(TestData.model("tiny-random-whisper.bin")))) {
      transcript = engine.transcribe(audio, WhisperRequest.defaults().withLanguage("en"));
    }

    WhisperJniCApi api = WhisperLibrary.api();
    Pointer ctx = api.whisper_init_from_file_with_params(
        WhisperCFullParams.cString(TestData.model("tiny-random-whisper.bin").toString()),
        api.whisper_context_default_params());
    try {
      WhisperCFullParams.ByValue params = api.whisper_full_default_params(WhisperCFullParams.GREEDY);
      params.setLanguage("en");
      assertEquals(0, api.whisper_full(ctx, params, audio, audio.length));
      int eot = api.whisper_token_eot(ctx);
      assertEquals(api.whisper_full_n_segments(ctx), transcript.segments().size());
      for (int s = 0; s < transcript.segments().size(); s++) {
        double textSum = 0;
        int textTokens = 0;
        float lowestSpecial = 1;
        for (int t = 0; t < api.whisper_full_n_tokens(ctx, s); t++) {
          float p = api.whisper_full_get_token_p(ctx, s, t);
          assertTrue(p > 0 && p <= 1, "p = " + p);
          if (api.whisper_full_get_token_id(ctx, s, t) < eot) {
            textSum += p;
            textTokens++;
          } else {
            lowestSpecial = Math.min(lowestSpecial, p);
          }
        }
        TranscriptSegment segment = transcript.segments().get(s);
        assertEquals(textTokens, segment.tokens());
        assertEquals(textSum / textTokens, segment.confidence(), 1e-6);
        assertTrue(lowestSpecial > 0.5f && lowestSpecial < 1f, "timestamp token p = " + lowestSpecial);
      }
    } finally {
      api.whisper_free(ctx);
    }
  }
}
