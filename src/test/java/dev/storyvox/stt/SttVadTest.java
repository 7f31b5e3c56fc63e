package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.audio.VadAudio;
import dev.storyvox.bus.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Silero VAD before the real engine (tiny random model, which says its sentence for any audio of 1 s or more):
 * only the speech is transcribed and the transcript's times are the recording's; a recording of silence or
 * noise is an empty transcript without any engine job.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class SttVadTest {

  /** jfk.wav's speech starts 0.32 s in (Silero, see SileroVadTest); VAD pads 400 ms before it. */
  private static final double JFK_ONSET = 0.32;
  private static final double PAD = 0.4;
  private static final double TOLERANCE = 0.1;

  @BeforeAll
  static void deploy(Vertx vertx, VertxTestContext ctx) {
    VadTestServer.deploy(vertx, VadTestServer.overrides(new JsonObject())).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void speechPlacedAtFiveSecondsIsTranscribedWithTheRecordingsTimes(Vertx vertx, VertxTestContext ctx) {
    float[] jfk = VadAudio.fixture("jfk.wav");
    byte[] wav = new VadAudio(25).noise(0.002, 7).put(jfk, 5).wav();
    long before = VadTestServer.engineJobs();
    VadTestServer.transcribe(vertx, wav).onComplete(ctx.succeeding(t -> ctx.verify(() -> {
      assertEquals(before + 1, VadTestServer.engineJobs(), "one engine job");
      assertTrue(t.text().startsWith(SttTestConfig.MODEL_TEXT), t.text());
      assertEquals(25.0, t.durationSeconds(), 0.01, "the recording's length, not the speech's");
      assertFalse(t.segments().isEmpty());
      TranscriptSegment first = t.segments().get(0);
      TranscriptSegment last = t.segments().get(t.segments().size() - 1);
      assertEquals(5 + JFK_ONSET - PAD, first.start(), TOLERANCE, "the clip's 0 s is the recording's " + first);
      assertTrue(last.end() <= 5 + jfk.length / 16_000.0 + PAD + TOLERANCE, last::toString);
      assertFalse(t.words().isEmpty());
      for (TranscriptWord word : t.words()) {
        assertTrue(word.start() >= first.start() - 1e-6 && word.end() <= last.end() + 1e-6
            && word.start() <= word.end(), word::toString);
      }
      ctx.completeNow();
    })));
  }

  @Test
  void twoUtterancesTwelveSecondsApartKeepTheirPlaces(Vertx vertx, VertxTestContext ctx) {
    float[] jfk = VadAudio.fixture("jfk.wav");
    byte[] wav = new VadAudio(40).noise(0.002, 8).put(jfk, 2).put(jfk, 25).wav();
    VadTestServer.transcribe(vertx, wav).onComplete(ctx.succeeding(t -> ctx.verify(() -> {
      assertEquals(2 + JFK_ONSET - PAD, t.segments().get(0).start(), TOLERANCE);
      assertTrue(t.segments().stream().allMatch(s -> s.start() < 14 || s.start() >= 25 + JFK_ONSET - PAD - TOLERANCE),
          "every segment starts inside one of the two utterances (the random model's own timing decides which): "
              + t.segments());
      assertTrue(t.segments().stream().noneMatch(s -> s.start() > 14 && s.start() < 25 + JFK_ONSET - PAD - TOLERANCE),
          "nothing starts in the silence between them: " + t.segments());
      ctx.completeNow();
    })));
  }

  @Test
  void silenceOrNoiseAloneIsAnEmptyTranscriptWithoutAnEngineJob(Vertx vertx, VertxTestContext ctx) {
    long before = VadTestServer.engineJobs();
    VadTestServer.transcribe(vertx, new VadAudio(12).wav())
        .compose(silence -> {
          ctx.verify(() -> assertEmpty(silence, 12));
          return VadTestServer.transcribe(vertx, new VadAudio(8).noise(0.03, 9).wav());
        })
        .onComplete(ctx.succeeding(noise -> ctx.verify(() -> {
          assertEmpty(noise, 8);
          assertEquals(before, VadTestServer.engineJobs(), "no engine job ran");
          ctx.completeNow();
        })));
  }

  @Test
  void readySaysSileroRuns(Vertx vertx, VertxTestContext ctx) {
    VadTestServer.vadReadiness(vertx).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(Readiness.READY, r.state(), r.reason());
      assertTrue(r.reason().contains("silero_vad_v5.onnx"), r.reason());
      ctx.completeNow();
    })));
  }

  private static void assertEmpty(Transcript t, double seconds) {
    assertEquals("", t.text());
    assertTrue(t.segments().isEmpty(), t.segments()::toString);
    assertEquals(seconds, t.durationSeconds(), 0.01);
    assertEquals("en", t.language());
  }
}
