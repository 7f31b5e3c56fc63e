package dev.storyvox.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a native engine really runs on, read from the engine's own report (whisper.cpp's system info,
 * e.g. {@code CUDA : ARCHS = 890 | …} or {@code CUDA = 1}), and the one warning given when a GPU was
 * asked for ({@code gpu.mode: gpu}) but the loaded build has none.
 */
public final class NativeBackend {

  private static final Pattern GPU = Pattern.compile("\\b(CUDA|METAL|VULKAN|SYCL|HIP|ROCM|CANN|MUSA|OPENCL)\\b"
      + "\\s*(?:=\\s*1|:)", Pattern.CASE_INSENSITIVE);

  private NativeBackend() {
  }

  /** The GPU backend named in {@code systemInfo}, or {@code null} for a CPU-only build. */
  public static String gpuIn(String systemInfo) {
    Matcher m = GPU.matcher(systemInfo == null ? "" : systemInfo);
    return m.find() ? m.group(1).toUpperCase(java.util.Locale.ROOT) : null;
  }

  /** A short label: {@code "GPU (CUDA)"} or {@code "CPU"}. */
  public static String label(String gpu) {
    return gpu == null ? "CPU" : "GPU (" + gpu + ")";
  }

  /**
   * The warning for a GPU asked for on a CPU-only build, or {@code null} when there is nothing to say.
   *
   * @param engine e.g. {@code whisper.cpp}
   * @param key the config key that points at a GPU build, e.g. {@code stt.nativeLibraryDir}
   */
  public static String mismatch(String mode, String gpu, String engine, String key) {
    return !"auto".equals(mode) && !"cpu".equals(mode) && gpu == null
        ? "gpu.mode is " + mode + " but the loaded " + engine + " build has no GPU backend; running on CPU (set " + key
            + " to a folder with a CUDA build)"
        : null;
  }
}
