package dev.storyvox.llm;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Which model architectures ({@code general.architecture} of a GGUF) the bundled java-llama.cpp 4.2.0 can
 * load: llama.cpp b4916's architecture names, as its library lists them. A model of any other architecture
 * (Qwen3, Gemma 3n, Llama 4, …) is refused before loading with a message that says how to install the
 * current engine.
 */
final class ModelArchitectures {

  /** llama.cpp b4916's {@code LLM_ARCH_NAMES} (read from java-llama.cpp 4.2.0's libjllama.so). */
  static final Set<String> B4916 = Set.of("llama", "deci", "falcon", "grok", "gpt2", "gptj", "gptneox", "mpt",
      "baichuan", "starcoder", "refact", "bert", "nomic-bert", "jina-bert-v2", "bloom", "stablelm", "qwen", "qwen2",
      "qwen2moe", "qwen2vl", "phi2", "phi3", "phimoe", "plamo", "codeshell", "orion", "internlm2", "minicpm",
      "minicpm3", "gemma", "gemma2", "gemma3", "starcoder2", "mamba", "xverse", "command-r", "cohere2", "dbrx",
      "olmo", "olmo2", "olmoe", "openelm", "arctic", "deepseek", "deepseek2", "chatglm", "bitnet", "t5",
      "t5encoder", "jais", "nemotron", "exaone", "rwkv6", "rwkv6qwen2", "rwkv7", "arwkv7", "granite", "granitemoe",
      "chameleon", "wavtokenizer-dec");
  /** How to get the engine that loads current architectures. */
  static final String INSTALL_HINT = "install the current llama.cpp engine: bin/storyvox (and bin/test) install it "
      + "with npm (@node-llama-cpp/linux-x64@3.22.1, llama.cpp v0.5.0) into engines.dir "
      + "(default ~/.cache/storyvox/engines/llama-cpu), or set llm.nativeLibraryDir to a folder with libllama.so";

  private ModelArchitectures() {
  }

  /** The model's {@code general.architecture}, or {@code "unknown"}. */
  static String of(Path model) {
    try {
      String arch = GgufMetadata.read(model).string("general.architecture");
      return arch == null ? "unknown" : arch;
    } catch (IOException e) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "LLM model " + model + " is unreadable: "
          + e.getMessage(), e);
    }
  }

  /**
   * Fails unless java-llama.cpp 4.2.0 has a builder for the model's architecture.
   *
   * @throws ServiceException MODEL_UNAVAILABLE naming the architecture and how to install the current engine
   */
  static void requireB4916(Path model) {
    String arch = of(model);
    if (!B4916.contains(arch)) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "LLM model " + model.getFileName()
          + " has architecture '" + arch + "', which the bundled engine (java-llama.cpp 4.2.0, llama.cpp b4916) "
          + "cannot load; " + INSTALL_HINT);
    }
  }
}
