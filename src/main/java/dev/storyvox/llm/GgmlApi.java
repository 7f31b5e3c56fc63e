package dev.storyvox.llm;

import com.sun.jna.Library;

/** The ggml call the current llama.cpp engine needs before loading a model: its backends are separate libraries. */
interface GgmlApi extends Library {

  /** Loads every ggml backend library in {@code dir} (the CPU one best for this machine, CUDA, Vulkan …). */
  void ggml_backend_load_all_from_path(String dir);
}
