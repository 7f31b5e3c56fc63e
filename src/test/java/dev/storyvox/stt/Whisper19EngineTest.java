package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import dev.storyvox.TestData;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whisper.cpp 1.9 engine (npm {@code @fugood/node-whisper-linux-x64}'s {@code index.node}) with the tiny
 * random model, which reads "This is a tiny random test model": text, timestamps, no-speech filtering and
 * the confidence formula, each checked against an independent decode through the bare 1.9 C API. The
 * first decode on a fresh 1.9 context reports another no-speech probability than every later one (seen as
 * 1.9e-5 vs 1.9e-15 on this model, with and without flash attention; the text is the same), and the value
 * also moves with the audio decoded before, so each comparison decodes the same audio once first.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class Whisper19EngineTest {
  private static final Logger LOG = LoggerFactory.getLogger(Whisper19EngineTest.class);
  private static final String MODEL_TEXT = "This is a tiny random test model";
  private static final WhisperRequest ENGLISH = WhisperRequest.defaults().withLanguage("en");

  private static WhisperEngine engine;
  private static float[] jfk;

  @BeforeAll
  static void load() throws Exception {
    engine = WhisperEngine.load(new WhisperSettings(TestData.model("tiny-random-whisper.bin"), 0, false, 1),
        null, Whisper19Engines.cpuFolders());
    jfk = WhisperTestAudio.read16kMono(TestData.audio("jfk.wav"));
    engine.transcribe(WhisperTestAudio.firstSeconds(jfk, 1), ENGLISH);
  }

  @AfterAll
  static void close() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void theEngineNamesWhisperCpp19AndItsPackage() {
    assertTrue(engine.engine().matches("whisper\\.cpp 1\\.9\\.\\d+(-dev)? \\(npm @fugood/node-whisper-linux-x64@1\\.1\\.3,"
        + " cpu\\)"), engine.engine());
    assertTrue(engine.backend().startsWith("CPU, whisper.cpp 1.9."), engine.backend());
  }

  @Test
  void jfkGivesTheModelsSentenceWithTimestampsNoSpeechProbabilityAndConfidence() {
    Transcript transcript = engine.transcribe(jfk, ENGLISH.withNoSpeechThreshold(1f));

    assertEquals(11.0, transcript.durationSeconds(), 0.01);
    assertEquals("en", transcript.language());
    assertFalse(transcript.segments().isEmpty());
    double previousEnd = 0;
    for (TranscriptSegment segment : transcript.segments()) {
      LOG.info("segment {}", segment);
      assertEquals(MODEL_TEXT, segment.text().strip());
      assertTrue(segment.start() >= previousEnd - 1e-9 && segment.start() < segment.end() && segment.end() <= 11.0,
          segment::toString);
      previousEnd = segment.end();
      assertTrue(segment.noSpeechProb() > 0 && segment.noSpeechProb() < 1, segment::toString);
      assertTrue(segment.confidence() > 0 && segment.confidence() <= 1 - segment.noSpeechProb() + 1e-9,
          segment::toString);
      assertTrue(segment.tokens() > 0, segment::toString);
    }
    assertTrue(transcript.text().startsWith(MODEL_TEXT));
  }

  @Test
  void segmentsAboveTheThresholdAreDroppedAndConfidenceIsTokenMeanTimesSpeechProbability() throws Exception {
    float[] audio = WhisperTestAudio.firstSeconds(jfk, 3);
    Whisper19CApi api = (Whisper19CApi) Whisper19Library.load(Whisper19Library.libraryIn(
        Whisper19Engines.cpuFolders().get(0))).api();
    Pointer ctx = api.whisper_init_from_file_with_params(
        WhisperCFullParams.cString(TestData.model("tiny-random-whisper.bin").toString()),
        api.whisper_context_default_params());
    float noSpeech;
    double tokenMean;
    try {
      Whisper19FullParams.ByValue params = api.whisper_full_default_params(WhisperCFullParams.GREEDY);
      params.setLanguage("en");
      params.nThreads = 1;
      params.noSpeechThold = 1f;
      assertEquals(0, api.whisper_full(ctx, params, audio, audio.length));
      assertEquals(0, api.whisper_full(ctx, params, audio, audio.length));
      assertEquals(1, api.whisper_full_n_segments(ctx));
      noSpeech = api.whisper_full_get_segment_no_speech_prob(ctx, 0);
      int eot = api.whisper_token_eot(ctx);
      double sum = 0;
      int n = 0;
      for (int t = 0; t < api.whisper_full_n_tokens(ctx, 0); t++) {
        if (api.whisper_full_get_token_id(ctx, 0, t) < eot) {
          sum += api.whisper_full_get_token_p(ctx, 0, t);
          n++;
        }
      }
      tokenMean = sum / n;
    } finally {
      api.whisper_free(ctx);
    }
    LOG.info("3 s of jfk.wav: no_speech_prob {}, mean text token p {}", noSpeech, tokenMean);

    Transcript kept = engine.transcribe(audio, ENGLISH.withNoSpeechThreshold(Math.min(1f, noSpeech + 0.01f)));
    assertEquals(1, kept.segments().size());
    TranscriptSegment segment = kept.segments().get(0);
    assertEquals(noSpeech, segment.noSpeechProb(), 1e-6);
    assertEquals(tokenMean * (1 - noSpeech), segment.confidence(), 1e-6);
    assertEquals(segment.confidence(), kept.confidence(), 1e-9);

    Transcript dropped = engine.transcribe(audio, ENGLISH.withNoSpeechThreshold(Math.max(0f, noSpeech - 0.01f)));
    assertEquals(List.of(), dropped.segments());
    assertEquals("", dropped.text());
    assertEquals(0.0, dropped.confidence());
  }

  @Test
  void silenceAndNoiseKeepOnlySegmentsAtOrBelowTheThreshold() {
    float[] silence = new float[3 * WhisperEngine.SAMPLE_RATE];
    float[] noise = new float[3 * WhisperEngine.SAMPLE_RATE];
    Random random = new Random(7);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (random.nextGaussian() * 0.05);
    }
    for (float[] audio : List.of(silence, noise)) {
      engine.transcribe(audio, ENGLISH.withNoSpeechThreshold(1f));
      Transcript all = engine.transcribe(audio, ENGLISH.withNoSpeechThreshold(1f));
      Transcript filtered = engine.transcribe(audio, ENGLISH);
      LOG.info("generated audio: all {}, filtered at {}: {}", all.segments(), ENGLISH.noSpeechThreshold(),
          filtered.segments());
      assertEquals(all.segments().stream().filter(s -> s.noSpeechProb() <= ENGLISH.noSpeechThreshold()).toList(),
          filtered.segments());
    }
  }

  @Test
  void halfSecondClipIsDecodedWithinItsLength() {
    Transcript transcript = engine.transcribe(WhisperTestAudio.firstSeconds(jfk, 0.5), ENGLISH.withNoSpeechThreshold(1f));

    assertEquals(1, transcript.segments().size(), "1.9 pads a short clip (1.7.1 gave no segment under 1 s)");
    assertEquals(0.5, transcript.segments().get(0).end(), 1e-9);
    assertEquals(MODEL_TEXT, transcript.text());
  }

  @Test
  void wordsAreTimedInsideTheirSegments() {
    Transcript transcript = engine.transcribe(jfk, ENGLISH.withNoSpeechThreshold(1f).withWords(true));

    assertEquals(MODEL_TEXT.split(" ").length * transcript.segments().size(), transcript.words().size());
    double previous = 0;
    for (TranscriptWord word : transcript.words()) {
      assertTrue(word.start() >= previous - 1e-9 && word.end() >= word.start() && word.end() <= 11.0, word::toString);
      previous = word.start();
    }
  }

  @Test
  void theVocabularyOnlyModelLoadsAndTranscribesToNothing() {
    try (WhisperEngine empty = WhisperEngine.load(
        new WhisperSettings(TestData.model("for-tests-ggml-tiny.bin"), 0, false, 1), null,
        Whisper19Engines.cpuFolders())) {
      assertTrue(empty.engine().startsWith("whisper.cpp 1.9."));
      assertEquals(List.of(), empty.transcribe(WhisperTestAudio.firstSeconds(jfk, 2), ENGLISH).segments());
    }
  }
}
