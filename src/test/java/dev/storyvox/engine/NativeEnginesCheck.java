package dev.storyvox.engine;

import dev.storyvox.TestData;
import dev.storyvox.audio.AudioDecoder;
import dev.storyvox.config.EnginesConfig;
import dev.storyvox.config.GpuConfig;
import dev.storyvox.llm.LlamaEngine;
import dev.storyvox.llm.LlmReply;
import dev.storyvox.llm.LlmRequest;
import dev.storyvox.stt.Transcript;
import dev.storyvox.stt.WhisperEngine;
import dev.storyvox.stt.WhisperRequest;
import dev.storyvox.stt.WhisperSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads whisper.cpp and llama.cpp into one JVM in the order given ({@code whisper-first} or
 * {@code llama-first}) and uses both twice, as a single storyvox process does. Run in its own JVM by
 * {@link NativeEnginesTest}: both bindings bundle their own ggml, and a clash kills the process.
 */
public final class NativeEnginesCheck {

  private NativeEnginesCheck() {
  }

  public static void main(String[] args) throws Exception {
    boolean whisperFirst = args[0].startsWith("whisper");
    boolean whisper19 = args[0].contains("whisper19");
    float[] samples = new AudioDecoder(60).decode(Files.readAllBytes(TestData.audio("jfk.wav"))).samples();
    WhisperEngine whisper = null;
    LlamaEngine llama = null;
    if (whisperFirst) {
      whisper = loadWhisper(whisper19);
      transcribe(whisper, samples);
    }
    llama = LlamaEngine.load(TestData.model("stories260Ktok512.gguf"), 2048, 1, -1, 0);
    generate(llama);
    if (!whisperFirst) {
      whisper = loadWhisper(whisper19);
    }
    transcribe(whisper, samples);
    generate(llama);
    System.out.println("both engines ran: " + args[0]);
    System.exit(0);
  }

  private static WhisperEngine loadWhisper(boolean whisper19) {
    WhisperSettings defaults = WhisperSettings.of(TestData.model("tiny-random-whisper.bin"));
    WhisperSettings settings = new WhisperSettings(defaults.model(), 0, false, 1);
    if (!whisper19) {
      return WhisperEngine.load(settings);
    }
    List<Path> folders = new EnginesConfig(null).folders("whisper", new GpuConfig("cpu", List.of(0), 1, 1));
    WhisperEngine engine = WhisperEngine.load(settings, null, folders);
    if (!engine.engine().startsWith("whisper.cpp 1.9.")) {
      throw new IllegalStateException("whisper.cpp 1.9 not loaded from " + folders + ": " + engine.engine());
    }
    return engine;
  }

  private static void transcribe(WhisperEngine whisper, float[] samples) {
    Transcript t = whisper.transcribe(samples, WhisperRequest.defaults());
    if (t.segments().isEmpty() || !t.text().contains("tiny random test model")) {
      throw new IllegalStateException("whisper gave " + t.text());
    }
  }

  private static void generate(LlamaEngine llama) {
    LlmReply reply = llama.generate(LlmRequest.raw("check", "Once upon a time", 16, 42), piece -> { }, () -> false);
    if (reply.completionTokens() <= 0 || reply.text().isBlank()) {
      throw new IllegalStateException("llama gave nothing");
    }
  }
}
