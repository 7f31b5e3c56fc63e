package dev.storyvox.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.audio.SileroVad;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime's libraries are copied out of the classpath once, into {@code engines.dir}, and loaded from there
 * at every later start: the files are the classpath's bytes, a second start rewrites nothing, a damaged copy is
 * replaced, and a JVM given the folder loads Silero VAD with the library from it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NativeLibrariesTest {

  private static final String RESOURCES = "ai/onnxruntime/native/linux-x64/";

  @Test
  void theFolderIsFilledOnceAndADamagedCopyIsReplaced(@TempDir Path engines) throws Exception {
    Path dir = NativeLibraries.onnxRuntimeFolder(engines).orElseThrow();
    assertTrue(dir.startsWith(engines), dir.toString());
    for (String name : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
      assertEquals(Files.size(dir.resolve(name)), resourceBytes(name).length, name);
    }
    Path jni = dir.resolve("libonnxruntime4j_jni.so");
    FileTime written = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(jni, written);
    assertEquals(dir, NativeLibraries.onnxRuntimeFolder(engines).orElseThrow());
    assertEquals(written, Files.getLastModifiedTime(jni), "a second start rewrote the library");

    Files.write(jni, new byte[] {1, 2, 3});
    NativeLibraries.onnxRuntimeFolder(engines).orElseThrow();
    assertTrue(java.util.Arrays.equals(resourceBytes("libonnxruntime4j_jni.so"), Files.readAllBytes(jni)),
        "the damaged copy was replaced");
    try (var left = Files.list(dir)) {
      assertEquals(2, left.count(), "no temporary file is left");
    }
  }

  @Test
  void aJvmGivenTheFolderLoadsOnnxRuntimeFromIt(@TempDir Path engines) throws Exception {
    Path dir = NativeLibraries.onnxRuntimeFolder(engines).orElseThrow();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = engines.resolve("probe.log");
    Process probe = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        "-D" + NativeLibraries.ONNXRUNTIME_LIB_PATH + "=" + dir, Probe.class.getName(),
        TestData.model("silero_vad_v5.onnx").toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!probe.waitFor(60, TimeUnit.SECONDS)) {
      probe.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(!probe.isAlive(), "the probe JVM did not end within 60 s:\n" + output);
    assertEquals(0, probe.exitValue(), output);
    assertTrue(output.contains(dir.resolve("libonnxruntime.so").toString()), output);
  }

  private static byte[] resourceBytes(String name) throws Exception {
    try (InputStream in = NativeLibrariesTest.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
      return in.readAllBytes();
    }
  }

  /** Loads Silero VAD and prints the ONNX Runtime libraries this JVM mapped. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      try (SileroVad vad = SileroVad.load(Path.of(args[0]))) {
        Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(line -> line.contains("libonnxruntime"))
            .map(line -> line.substring(line.lastIndexOf(' ') + 1)).distinct().forEach(System.out::println);
      }
    }
  }
}
