package dev.storyvox.llm;

import dev.storyvox.config.EnginesConfig;
import dev.storyvox.config.GpuConfig;
import dev.storyvox.config.LlmConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which in-process llama.cpp engine loads the model: {@code llm.nativeLibraryDir} when it holds a
 * {@code libllama} (a current llama.cpp build of one's own), else the first installed {@code llama-<variant>}
 * folder of {@code engines.dir} that {@code gpu.mode} allows; without either, the bundled java-llama.cpp
 * 4.2.0 (which also serves a {@code llm.nativeLibraryDir} holding a {@code libjllama.so}).
 */
final class LlmEngines {

  private LlmEngines() {
  }

  /** The folder of the current llama.cpp library to use, or empty for java-llama.cpp 4.2.0. */
  static Optional<Path> currentLibrary(LlmConfig config, EnginesConfig engines, GpuConfig gpu) {
    if (config.nativeLibraryDir() != null) {
      Path own = Path.of(config.nativeLibraryDir());
      return LlamaCppLibrary.libraryIn(own).map(lib -> own);
    }
    return engines.folders("llama", gpu).stream().filter(f -> LlamaCppLibrary.libraryIn(f).isPresent()).findFirst();
  }

  /** Loads the model on the engine {@link #currentLibrary} picks, on the calling thread. */
  static LlmEngine load(LlmConfig config, EnginesConfig engines, GpuConfig gpu, int gpuLayers, int device) {
    Path model = Path.of(config.model());
    Optional<Path> current = currentLibrary(config, engines, gpu);
    return current.isPresent()
        ? LlamaCppEngine.load(current.get(), model, config.contextSize(), config.threads(), gpuLayers, device,
            config.flashAttention())
        : LlamaEngine.load(model, config.contextSize(), config.threads(), gpuLayers, device, config.flashAttention());
  }
}
