package dev.storyvox.stt;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How one {@link WhisperEngine} is loaded.
 *
 * @param model the ggml model file ({@code stt.model})
 * @param device the GPU index ({@code gpu.devices[i]}); unused by a CPU-only library
 * @param useGpu whether whisper.cpp may use a GPU backend
 * @param threads decoding threads; 0 takes whisper.cpp's default, {@code min(4, cores)}
 */
public record WhisperSettings(Path model, int device, boolean useGpu, int threads) {
  public WhisperSettings {
    Objects.requireNonNull(model, "model");
    if (device < 0 || threads < 0) {
      throw new IllegalArgumentException("device and threads must be >= 0");
    }
  }

  /** A model on device 0, GPU allowed, default threads, whisper.cpp's own VAD off (Silero runs before the engine). */
  public static WhisperSettings of(Path model) {
    return new WhisperSettings(model, 0, true, 0);
  }
}
