package dev.storyvox.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Joining speech spans and mapping clip times back to the recording. */
class SpeechAudioTest {

  private static final int RATE = AudioDecoder.SAMPLE_RATE;

  @Test
  void spansAreJoinedWithAGapAndTimesMapBack() {
    float[] recording = new float[20 * RATE];
    for (int i = 0; i < recording.length; i++) {
      recording[i] = i / (float) recording.length;
    }
    SpeechAudio speech = SpeechAudio.join(recording,
        List.of(new SpeechSpans.Span(2 * RATE, 5 * RATE), new SpeechSpans.Span(12 * RATE, 13 * RATE)));
    assertEquals(4 * RATE + SpeechAudio.GAP_SAMPLES, speech.samples().length);
    assertArrayEquals(Arrays.copyOfRange(recording, 2 * RATE, 5 * RATE), Arrays.copyOf(speech.samples(), 3 * RATE));
    assertEquals(recording[12 * RATE], speech.samples()[3 * RATE + SpeechAudio.GAP_SAMPLES]);
    assertEquals(0f, speech.samples()[3 * RATE + 10], "silence in the gap");
    assertEquals(20.0, speech.originalSeconds());

    assertEquals(2.0, speech.toOriginal(0, false), 1e-9);
    assertEquals(3.5, speech.toOriginal(1.5, true), 1e-9);
    assertEquals(5.0, speech.toOriginal(3.05, true), 1e-9, "an end in the gap is the first span's end");
    assertEquals(12.0, speech.toOriginal(3.05, false), 1e-9, "a start in the gap is the next span's start");
    assertEquals(12.5, speech.toOriginal(3.6, false), 1e-9);
    assertEquals(13.0, speech.toOriginal(9.0, true), 1e-9, "past the clip: the last span's end");
  }

  @Test
  void noSpansIsSilentAndWholeIsTheSameAudio() {
    float[] recording = new float[RATE];
    assertTrue(SpeechAudio.join(recording, List.of()).silent());
    SpeechAudio whole = SpeechAudio.whole(recording);
    assertSame(recording, whole.samples());
    assertEquals(0.7, whole.toOriginal(0.7, false), 1e-9);
  }

  @Test
  void paddingIsSharedBetweenCloseSpansAndClippedAtTheEdges() {
    float[] probabilities = new float[100];
    Arrays.fill(probabilities, 5, 40, 0.9f);
    Arrays.fill(probabilities, 44, 95, 0.9f);
    VadOptions options = new VadOptions(0.5, 0, 64, 200);
    List<SpeechSpans.Span> spans = SpeechSpans.find(probabilities, 100 * SileroVad.WINDOW, options);
    assertEquals(2, spans.size(), spans::toString);
    assertEquals(0, spans.get(0).start(), "5 windows (2,560 samples) in, less 3,200 of padding: clipped at 0");
    assertEquals(spans.get(0).end(), spans.get(1).start(), "the 4-window silence is shared half and half");
    assertEquals(42 * SileroVad.WINDOW, spans.get(0).end());
    assertEquals(100 * SileroVad.WINDOW, spans.get(1).end(), "padding stops at the end of the audio");
  }
}
