package dev.storyvox.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.storyvox.TestWaits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * whisper.cpp (the bundled 1.7.1, and 1.9 from the engines folder) and llama.cpp share one process in either
 * load order (each run in a fresh JVM).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NativeEnginesTest {

  @ParameterizedTest
  @ValueSource(strings = {"whisper-first", "llama-first", "whisper19-first", "llama-first-whisper19"})
  void bothNativeEnginesRunInOneProcess(String order) throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dstoryvox.shared=" + System.getProperty("storyvox.shared", "../shared"),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        NativeEnginesCheck.class.getName(), order)
        .redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> {
      try {
        process.getInputStream().transferTo(output);
      } catch (IOException ignored) {
        // the process ended
      }
    }, "native-engines-output");
    reader.setDaemon(true);
    reader.start();
    int exit = TestWaits.waitFor(process, 100_000);
    TestWaits.join(reader, 10_000);
    assertEquals(0, exit, "the JVM died with both engines loaded (" + order + "):\n"
        + tail(output.toString(StandardCharsets.UTF_8)));
  }

  private static String tail(String text) {
    return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
  }
}
