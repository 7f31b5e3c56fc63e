package dev.storyvox.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** whisper.cpp and llama.cpp share one process in either load order (each run in a fresh JVM). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NativeEnginesTest {

  @ParameterizedTest
  @ValueSource(strings = {"whisper-first", "llama-first"})
  void bothNativeEnginesRunInOneProcess(String order) throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dstoryvox.shared=" + System.getProperty("storyvox.shared", "../shared"),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        NativeEnginesCheck.class.getName(), order)
        .redirectErrorStream(true).start();
    String output = read(process);
    assertEquals(0, process.waitFor(), "the JVM died with both engines loaded (" + order + "):\n" + tail(output));
  }

  private static String read(Process process) throws IOException, InterruptedException {
    byte[] bytes = process.getInputStream().readAllBytes();
    if (!process.waitFor(100, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String tail(String text) {
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }
}
