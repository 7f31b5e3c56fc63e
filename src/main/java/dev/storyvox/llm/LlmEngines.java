package dev.storyvox.llm;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.EnginesConfig;
import dev.storyvox.config.GpuConfig;
import dev.storyvox.config.LlmConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which in-process llama.cpp engine loads the model: {@code llm.nativeLibraryDir} when it holds a
 * {@code libllama} (a current llama.cpp build of one's own), else the first installed {@code llama-<variant>}
 * folder of {@code engines.dir} that {@code gpu.mode} allows and whose library opens and passes its layout check
 * (a CUDA build without the CUDA runtime is skipped with a warning); without either, the bundled java-llama.cpp
 * 4.2.0 (which also serves a {@code llm.nativeLibraryDir} holding a {@code libjllama.so}).
 */
final class LlmEngines {

  private static final Logger LOG = LoggerFactory.getLogger(LlmEngines.class);

  private LlmEngines() {
  }

  /**
   * The folder of the current llama.cpp library to use, or empty for java-llama.cpp 4.2.0. Opens the installed
   * candidates (native loading: call it on the engine's pinned thread).
   */
  static Optional<Path> currentLibrary(LlmConfig config, EnginesConfig engines, GpuConfig gpu) {
    if (config.nativeLibraryDir() != null) {
      Path own = Path.of(config.nativeLibraryDir());
      return LlamaCppLibrary.libraryIn(own).map(lib -> own);
    }
    for (Path folder : engines.folders("llama", gpu)) {
      if (LlamaCppLibrary.libraryIn(folder).isEmpty()) {
        continue;
      }
      try {
        LlamaCppLibrary.open(folder);
        return Optional.of(folder);
      } catch (ServiceException e) {
        LOG.warn("llama.cpp in {} skipped: {}", folder, e.getMessage());
      }
    }
    LOG.info("no current llama.cpp engine installed (bin/ installs it with npm); using java-llama.cpp 4.2.0");
    return Optional.empty();
  }

  /**
   * Loads the model on the engine {@link #currentLibrary} picks, on the calling thread; a model file that is not
   * there fails before any library is opened.
   */
  static LlmEngine load(LlmConfig config, EnginesConfig engines, GpuConfig gpu, int gpuLayers, int device) {
    Path model = Path.of(config.model());
    if (!Files.isRegularFile(model)) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "LLM model file not found: " + model);
    }
    Optional<Path> current = currentLibrary(config, engines, gpu);
    return current.isPresent()
        ? LlamaCppEngine.load(current.get(), model, config.contextSize(), config.threads(), gpuLayers, device,
            config.flashAttention())
        : LlamaEngine.load(model, config.contextSize(), config.threads(), gpuLayers, device, config.flashAttention());
  }
}
