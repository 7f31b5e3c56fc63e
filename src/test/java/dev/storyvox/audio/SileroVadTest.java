package dev.storyvox.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silero VAD v5 on ONNX Runtime with the real model, on real speech placed among generated silence and noise:
 * the spans are where the speech was put, and silence or noise alone has none.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SileroVadTest {

  private static final Logger LOG = LoggerFactory.getLogger(SileroVadTest.class);
  private static final VadOptions UNPADDED = new VadOptions(0.5, 250, 2000, 0);
  private static final VadOptions DEFAULTS = new VadOptions(0.5, 250, 2000, 400);
  /** Two windows: where Silero's onset falls depends on the 32 ms window grid. */
  private static final double TOLERANCE = 2.0 * SileroVad.WINDOW / VadAudio.RATE;

  private static SileroVad vad;
  private static float[] jfk;
  private static SpeechSpans.Span jfkAlone;

  @BeforeAll
  static void load() {
    vad = SileroVad.load(TestData.model("silero_vad_v5.onnx"));
    jfk = VadAudio.fixture("jfk.wav");
    List<SpeechSpans.Span> spans = spans(new VadAudio(jfk.length / (double) VadAudio.RATE + 3).put(jfk, 0)
        .samples(), UNPADDED);
    LOG.info("jfk.wav followed by 3 s of silence: {}", seconds(spans));
    assertEquals(1, spans.size(), "jfk.wav is one stretch of speech with pauses under 2 s");
    jfkAlone = spans.get(0);
  }

  @AfterAll
  static void close() {
    vad.close();
  }

  @Test
  void speechPlacedAtFiveSecondsInNoiseIsFoundThere() {
    float[] audio = new VadAudio(22).noise(0.002, 1).put(jfk, 5).samples();
    List<SpeechSpans.Span> spans = spans(audio, UNPADDED);
    LOG.info("jfk at 5 s in 22 s of noise: {}", seconds(spans));
    assertEquals(1, spans.size(), seconds(spans).toString());
    assertEquals(5 + sec(jfkAlone.start()), sec(spans.get(0).start()), TOLERANCE);
    assertEquals(5 + sec(jfkAlone.end()), sec(spans.get(0).end()), TOLERANCE);
    assertTrue(sec(spans.get(0).start()) >= 5 - TOLERANCE && sec(spans.get(0).end()) <= 16 + TOLERANCE);
  }

  @Test
  void paddingWidensEachSpanByPadMs() {
    float[] audio = new VadAudio(22).put(jfk, 5).samples();
    SpeechSpans.Span bare = spans(audio, UNPADDED).get(0);
    SpeechSpans.Span padded = spans(audio, DEFAULTS).get(0);
    assertEquals(bare.start() - VadAudio.RATE * 4 / 10, padded.start());
    assertEquals(bare.end() + VadAudio.RATE * 4 / 10, padded.end());
  }

  @Test
  void twoUtterancesFarApartAreTwoSpansAndCloseOnesOne() {
    float[] korean = VadAudio.fixture("ko_forest.wav");
    float[] apart = new VadAudio(30).noise(0.002, 2).put(jfk, 2).put(korean, 20).samples();
    List<SpeechSpans.Span> two = spans(apart, UNPADDED);
    LOG.info("jfk at 2 s, ko_forest at 20 s: {}", seconds(two));
    assertEquals(2, two.size(), seconds(two).toString());
    assertEquals(2 + sec(jfkAlone.start()), sec(two.get(0).start()), TOLERANCE);
    assertTrue(sec(two.get(1).start()) >= 20 - TOLERANCE && sec(two.get(1).end()) <= 20 + 2.9 + TOLERANCE,
        seconds(two).toString());

    float[] close = new VadAudio(20).put(jfk, 1).put(korean, 1 + jfk.length / (double) VadAudio.RATE + 0.5)
        .samples();
    assertEquals(1, spans(close, UNPADDED).size(), "a pause under stt.vadMinSilenceMs does not split");
  }

  @Test
  void silenceAndNoiseAloneHaveNoSpeech() {
    assertEquals(List.of(), spans(new VadAudio(10).samples(), DEFAULTS));
    for (double level : new double[] {0.001, 0.01, 0.05}) {
      float[] noise = new VadAudio(10).noise(level, 3).samples();
      float max = 0;
      for (float p : vad.probabilities(noise)) {
        max = Math.max(max, p);
      }
      LOG.info("white noise at {}: highest speech probability {}", level, max);
      assertEquals(List.of(), spans(noise, DEFAULTS), "noise at " + level);
    }
  }

  @Test
  void aMinuteOfAudioIsScoredFasterThanRealTime() {
    float[] minute = new VadAudio(60).noise(0.002, 4).put(jfk, 10).put(jfk, 40).samples();
    vad.probabilities(minute);
    long started = System.nanoTime();
    vad.probabilities(minute);
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info("Silero VAD: 60 s of audio in {} s ({}x real time)", String.format("%.3f", seconds),
        Math.round(60 / seconds));
    assertTrue(seconds < 20, "VAD must cost little beside the recogniser: " + seconds + " s");
  }

  @Test
  void oneProbabilityPerWindowTheLastPadded() {
    assertEquals(1, vad.probabilities(new float[1]).length);
    assertEquals(2, vad.probabilities(new float[SileroVad.WINDOW + 1]).length);
    assertEquals(0, vad.probabilities(new float[0]).length);
  }

  @Test
  void aMissingOrForeignModelIsRefusedNamingTheFile() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> SileroVad.load(TestData.model("no-such-vad.onnx")));
    assertTrue(missing.getMessage().contains("no-such-vad.onnx"), missing.getMessage());
    IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
        () -> SileroVad.load(TestData.model("for-tests-silero-v6.2.0-ggml.bin")));
    assertTrue(foreign.getMessage().contains("for-tests-silero-v6.2.0-ggml.bin"), foreign.getMessage());
  }

  private static List<SpeechSpans.Span> spans(float[] audio, VadOptions options) {
    return SpeechSpans.find(vad.probabilities(audio), audio.length, options);
  }

  private static double sec(int sample) {
    return sample / (double) VadAudio.RATE;
  }

  private static List<String> seconds(List<SpeechSpans.Span> spans) {
    return spans.stream().map(s -> String.format("%.2f-%.2f", sec(s.start()), sec(s.end()))).toList();
  }
}
