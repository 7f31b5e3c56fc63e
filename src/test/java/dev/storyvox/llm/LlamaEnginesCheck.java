package dev.storyvox.llm;

import dev.storyvox.TestData;
import dev.storyvox.audio.AudioDecoder;
import dev.storyvox.config.EnginesConfig;
import dev.storyvox.config.GpuConfig;
import dev.storyvox.stt.Transcript;
import dev.storyvox.stt.WhisperEngine;
import dev.storyvox.stt.WhisperRequest;
import dev.storyvox.stt.WhisperSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the current llama.cpp (its own ggml, RTLD_LOCAL), java-llama.cpp 4.2.0, whisper.cpp 1.9 and 1.7.1 into one
 * JVM, the current llama.cpp first ({@code current-first}) or last ({@code current-last}), and uses all of
 * them twice. Run in its own JVM by {@link LlamaEnginesTest}: a ggml clash kills the process.
 */
public final class LlamaEnginesCheck {

  private LlamaEnginesCheck() {
  }

  public static void main(String[] args) throws Exception {
    boolean currentFirst = "current-first".equals(args[0]);
    Path folder = Path.of(args[1]);
    Path stories = TestData.model("stories260Ktok512.gguf");
    LlmEngine current = currentFirst ? LlamaCppEngine.load(folder, stories, 2048, 1, -1, 0, false) : null;
    LlmEngine bundled = LlamaEngine.load(stories, 2048, 1, -1, 0);
    float[] samples = new AudioDecoder(60).decode(Files.readAllBytes(TestData.audio("jfk.wav"))).samples();
    WhisperSettings defaults = WhisperSettings.of(TestData.model("tiny-random-whisper.bin"));
    WhisperSettings settings = new WhisperSettings(defaults.model(), 0, false, 1);
    WhisperEngine whisper = WhisperEngine.load(settings);
    WhisperEngine whisper19 = WhisperEngine.load(settings, null,
        new EnginesConfig(null).folders("whisper", new GpuConfig("cpu", List.of(0), 1, 1)));
    if (!whisper19.engine().startsWith("whisper.cpp 1.9.")) {
      throw new IllegalStateException("whisper.cpp 1.9 not installed: " + whisper19.engine());
    }
    if (!currentFirst) {
      current = LlamaCppEngine.load(folder, stories, 2048, 1, -1, 0, false);
    }
    for (int round = 0; round < 2; round++) {
      generate(current);
      generate(bundled);
      for (WhisperEngine engine : List.of(whisper, whisper19)) {
        Transcript t = engine.transcribe(samples, WhisperRequest.defaults());
        if (t.segments().isEmpty()) {
          throw new IllegalStateException(engine.engine() + " gave nothing");
        }
      }
    }
    System.out.println("all engines ran: " + args[0]);
    System.exit(0);
  }

  private static void generate(LlmEngine llama) {
    LlmReply reply = llama.generate(LlmRequest.raw("check", "Once upon a time", 16, 42), piece -> { }, () -> false);
    if (reply.completionTokens() <= 0 || reply.text().isBlank()) {
      throw new IllegalStateException(llama.engine() + " gave nothing");
    }
  }
}
