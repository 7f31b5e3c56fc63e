package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real engine with the tiny random model, which reads "This is a tiny random test model". One decoding
 * thread: ggml's spinning thread barrier makes two threads far slower on a busy two-core machine.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WhisperEngineTest {
  private static final Logger LOG = LoggerFactory.getLogger(WhisperEngineTest.class);
  private static final String MODEL_TEXT = "This is a tiny random test model";
  private static final WhisperRequest ENGLISH = WhisperRequest.defaults().withLanguage("en");

  private static WhisperEngine engine;
  private static float[] jfk;

  @BeforeAll
  static void load() throws Exception {
    engine = WhisperEngine.load(new WhisperSettings(TestData.model("tiny-random-whisper.bin"), 0, true, 1));
    jfk = WhisperTestAudio.read16kMono(TestData.audio("jfk.wav"));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void jfkGreedyGivesTheModelsSentenceWithTimestampsAndConfidence() {
    long started = System.nanoTime();
    Transcript transcript = engine.transcribe(jfk, ENGLISH);
    LOG.info("jfk.wav greedy: {} ms, {} segments, confidence {}", (System.nanoTime() - started) / 1_000_000,
        transcript.segments().size(), transcript.confidence());

    assertEquals(11.0, transcript.durationSeconds(), 0.01);
    assertEquals("en", transcript.language());
    assertFalse(transcript.segments().isEmpty());
    for (TranscriptSegment segment : transcript.segments()) {
      LOG.info("segment {}", segment);
      assertEquals(MODEL_TEXT, segment.text().strip());
      assertTrue(segment.start() >= 0 && segment.start() < segment.end() && segment.end() <= 11.1, segment::toString);
      assertTrue(segment.confidence() > 0 && segment.confidence() <= 1, segment::toString);
      assertTrue(segment.tokens() > 0, segment::toString);
    }
    assertTrue(transcript.text().startsWith(MODEL_TEXT) && transcript.text().equals(transcript.text().strip()));
    assertTrue(transcript.confidence() > 0 && transcript.confidence() <= 1);
  }

  @Test
  void halfSecondClipGivesNoSegments() {
    Transcript transcript = engine.transcribe(WhisperTestAudio.firstSeconds(jfk, 0.5), ENGLISH);

    assertEquals(List.of(), transcript.segments());
    assertEquals("", transcript.text());
    assertEquals(0.0, transcript.confidence());
    assertEquals(0.5, transcript.durationSeconds(), 1e-9);
  }

  @Test
  void emptyAudioIsAnInvalidRequestNotTheLastAudioAgain() {
    engine.transcribe(WhisperTestAudio.firstSeconds(jfk, 2), ENGLISH);

    ServiceException failure =
        assertThrows(ServiceException.class, () -> engine.transcribe(new float[0], ENGLISH));

    assertEquals(ErrorCode.INVALID_REQUEST, failure.code());
  }

  @Test
  void koreanIsTheDefaultLanguage() {
    Transcript transcript = engine.transcribe(WhisperTestAudio.firstSeconds(jfk, 2), WhisperRequest.defaults());

    assertEquals("ko", transcript.language());
  }

  @Test
  void autoReportsTheDetectedLanguage() {
    Transcript transcript = engine.transcribe(WhisperTestAudio.firstSeconds(jfk, 3), ENGLISH.withLanguage("auto"));

    LOG.info("auto detected {}", transcript.language());
    assertTrue(transcript.language().matches("[a-z]{2,3}"), transcript.language());
    assertNotEquals("auto", transcript.language());
  }

  @Test
  void beamSearchOfFiveReadsTheSameSentence() {
    Transcript transcript = engine.transcribe(WhisperTestAudio.firstSeconds(jfk, 3), ENGLISH.withBeamSize(5));

    assertFalse(transcript.segments().isEmpty());
    transcript.segments().forEach(segment -> assertEquals(MODEL_TEXT, segment.text().strip()));
  }

  @Test
  void promptIsAccepted() {
    Transcript transcript = engine.transcribe(WhisperTestAudio.firstSeconds(jfk, 2), ENGLISH.withPrompt("숲 속의 이야기"));

    assertFalse(transcript.segments().isEmpty());
  }

  @Test
  void unknownLanguageIsAnInvalidRequest() {
    ServiceException failure =
        assertThrows(ServiceException.class, () -> engine.transcribe(jfk, ENGLISH.withLanguage("xx")));

    assertEquals(ErrorCode.INVALID_REQUEST, failure.code());
    assertTrue(failure.getMessage().contains("xx"));
  }

  @Test
  void wordsSpellEachSegmentAndLieInOrderInsideIt() {
    Transcript transcript = engine.transcribe(jfk, ENGLISH.withWords(true));

    List<TranscriptWord> words = transcript.words();
    LOG.info("words {}", words);
    int next = 0;
    double previousEnd = 0;
    for (TranscriptSegment segment : transcript.segments()) {
      for (String expected : segment.text().strip().split("\\s+")) {
        TranscriptWord word = words.get(next++);
        assertEquals(expected, word.word());
        assertTrue(word.start() >= segment.start() && word.start() <= word.end() && word.end() <= segment.end(),
            () -> word + " in " + segment);
        assertTrue(word.start() >= previousEnd, word::toString);
        previousEnd = word.end();
      }
    }
    assertEquals(words.size(), next);
    assertTrue(words.stream().anyMatch(w -> w.end() > w.start()), "token timestamps give words a length");
    assertEquals(List.of(), engine.transcribe(jfk, ENGLISH).words());
  }

  @Test
  void translationRunsWhispersTranslateTaskAndIsEnglish() {
    Transcript transcript = engine.transcribe(WhisperTestAudio.firstSeconds(jfk, 3),
        WhisperRequest.defaults().withTranslate(true));

    LOG.info("translated {}", transcript);
    assertEquals("en", transcript.language());
    assertFalse(transcript.segments().isEmpty());
  }

  @Test
  void systemInfoNamesTheCpuFeatures() {
    assertTrue(engine.systemInfo().contains("AVX"), engine.systemInfo());
  }
}
