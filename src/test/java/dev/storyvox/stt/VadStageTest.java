package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.storyvox.audio.SpeechAudio;
import dev.storyvox.audio.SpeechSpans;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mapping a transcript of the joined speech back to the recording keeps everything but the times. */
class VadStageTest {

  @Test
  void restoredSegmentsKeepTheirTextConfidenceAndNoSpeechProbability() {
    float[] recording = new float[16_000 * 10];
    SpeechAudio speech = SpeechAudio.join(recording, List.of(new SpeechSpans.Span(16_000 * 4, 16_000 * 6)));
    Transcript joined = new Transcript("hello", "en", 2.0,
        List.of(new TranscriptSegment(0.5, 1.5, "hello", 0.8, 3, 0.25)), 0.8);

    TranscriptSegment restored = VadStage.restore(joined, speech).segments().get(0);

    assertEquals(4.5, restored.start(), 1e-3);
    assertEquals(5.5, restored.end(), 1e-3);
    assertEquals("hello", restored.text());
    assertEquals(0.8, restored.confidence());
    assertEquals(3, restored.tokens());
    assertEquals(0.25, restored.noSpeechProb());
    assertEquals(10.0, VadStage.restore(joined, speech).durationSeconds(), 1e-3);
  }
}
