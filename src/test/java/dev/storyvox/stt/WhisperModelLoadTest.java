package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Loading models: the vocabulary-only test model, a missing file, the VAD model, closing. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WhisperModelLoadTest {

  @Test
  void vocabularyOnlyModelLoadsAndHearsNothing() throws Exception {
    float[] jfk = WhisperTestAudio.read16kMono(TestData.audio("jfk.wav"));
    try (WhisperEngine engine = WhisperEngine.load(WhisperSettings.of(TestData.model("for-tests-ggml-tiny.bin")))) {
      Transcript transcript = engine.transcribe(jfk, WhisperRequest.defaults());

      assertEquals(List.of(), transcript.segments());
      assertEquals("", transcript.text());
      assertEquals("ko", transcript.language());
    }
  }

  @Test
  void missingModelIsUnavailableAndNamesThePath() {
    Path missing = TestData.model("no-such-model.bin");

    ServiceException failure =
        assertThrows(ServiceException.class, () -> WhisperEngine.load(WhisperSettings.of(missing)));

    assertEquals(ErrorCode.MODEL_UNAVAILABLE, failure.code());
    assertTrue(failure.getMessage().contains(missing.toString()), failure.getMessage());
  }

  @Test
  void modelThatIsNotWhisperIsUnavailable() {
    Path notWhisper = TestData.model("stories260Ktok512.gguf");

    ServiceException failure =
        assertThrows(ServiceException.class, () -> WhisperEngine.load(WhisperSettings.of(notWhisper)));

    assertEquals(ErrorCode.MODEL_UNAVAILABLE, failure.code());
    assertTrue(failure.getMessage().contains(notWhisper.toString()), failure.getMessage());
  }

  @Test
  void closedEngineRefusesWork() {
    WhisperEngine engine = WhisperEngine.load(WhisperSettings.of(TestData.model("tiny-random-whisper.bin")));
    engine.close();
    engine.close();

    assertThrows(IllegalStateException.class, () -> engine.transcribe(new float[16_000], WhisperRequest.defaults()));
  }
}
