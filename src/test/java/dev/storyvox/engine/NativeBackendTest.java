package dev.storyvox.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NativeBackendTest {

  private static final String CPU_1_7_1 = "AVX = 1 | AVX2 = 1 | AVX512 = 0 | FMA = 1 | NEON = 0 | ARM_FMA = 0 | "
      + "METAL = 0 | F16C = 1 | FP16_VA = 0 | WASM_SIMD = 0 | BLAS = 0 | SSE3 = 1 | SSSE3 = 1 | VSX = 0 | "
      + "CUDA = 0 | COREML = 0 | OPENVINO = 0 | CANN = 0";

  @Test
  void readsTheGpuBackendFromTheEnginesOwnSystemInfo() {
    assertNull(NativeBackend.gpuIn(CPU_1_7_1), "the bundled 1.7.1 build is CPU-only");
    assertEquals("CUDA", NativeBackend.gpuIn(CPU_1_7_1.replace("CUDA = 0", "CUDA = 1")));
    assertEquals("CUDA", NativeBackend.gpuIn("WHISPER : COREML = 0 | CPU : SSE3 = 1 | CUDA : ARCHS = 890 |"),
        "newer builds list each backend as a section");
    assertEquals("METAL", NativeBackend.gpuIn("METAL = 1 | BLAS = 1"));
    assertEquals("CPU", NativeBackend.label(null));
    assertEquals("GPU (CUDA)", NativeBackend.label("CUDA"));
  }

  @Test
  void warnsOnlyWhenAGpuWasAskedForOnACpuBuild() {
    String warning = NativeBackend.mismatch("gpu", null, "whisper.cpp", "stt.nativeLibraryDir");
    assertTrue(warning.contains("running on CPU") && warning.contains("stt.nativeLibraryDir"), warning);
    assertNull(NativeBackend.mismatch("auto", null, "whisper.cpp", "stt.nativeLibraryDir"));
    assertNull(NativeBackend.mismatch("gpu", "CUDA", "whisper.cpp", "stt.nativeLibraryDir"));
  }
}
