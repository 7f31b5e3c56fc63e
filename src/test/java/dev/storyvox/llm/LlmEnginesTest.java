package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.config.EnginesConfig;
import dev.storyvox.config.GpuConfig;
import dev.storyvox.config.LlmConfig;
import dev.storyvox.config.OpenAiConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which llama.cpp build runs: a GPU build that will not open is skipped for the next installed variant. */
class LlmEnginesTest {

  @TempDir
  Path engines;

  private static LlmConfig config() {
    return new LlmConfig("local", "models/x.gguf", 2048, 1, -1, false, null, 4, 60_000, "conf/prompts",
        new OpenAiConfig("http://127.0.0.1:1/v1", null, "default", "auto"));
  }

  @Test
  void aBrokenCudaBuildFallsBackToTheCpuBuild() throws Exception {
    Path cpu = CurrentEngine.folder();
    Files.createDirectories(engines.resolve("llama-cuda"));
    Files.writeString(engines.resolve("llama-cuda").resolve("libllama.so"), "not a shared object");
    Files.createSymbolicLink(engines.resolve("llama-cpu"), cpu.toRealPath());
    Optional<Path> chosen = LlmEngines.currentLibrary(config(), new EnginesConfig(engines.toString()),
        new GpuConfig("auto", List.of(0), 1, 1));
    assertEquals(Optional.of(engines.resolve("llama-cpu")), chosen);
  }

  @Test
  void nothingLoadableMeansTheBundledEngine() throws Exception {
    Files.createDirectories(engines.resolve("llama-cpu"));
    Files.writeString(engines.resolve("llama-cpu").resolve("libllama.so"), "not a shared object");
    assertTrue(LlmEngines.currentLibrary(config(), new EnginesConfig(engines.toString()),
        new GpuConfig("cpu", List.of(0), 1, 1)).isEmpty());
  }
}
