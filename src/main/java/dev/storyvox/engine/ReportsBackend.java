package dev.storyvox.engine;

/** An engine that can say what it really runs on (for {@code /ready} and the startup log). */
public interface ReportsBackend {

  /** E.g. {@code "GPU (CUDA)"} or {@code "CPU"}, as the engine's native build reports it. */
  String backend();
}
