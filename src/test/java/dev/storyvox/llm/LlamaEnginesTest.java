package dev.storyvox.llm;

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

/** The current llama.cpp shares one process with java-llama.cpp and whisper.cpp in either load order. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LlamaEnginesTest {

  @ParameterizedTest
  @ValueSource(strings = {"current-first", "current-last"})
  void allEnginesRunInOneProcess(String order) throws Exception {
    Path folder = CurrentEngine.folder();
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dstoryvox.shared=" + System.getProperty("storyvox.shared", "../shared"),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        LlamaEnginesCheck.class.getName(), order, folder.toString())
        .redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> {
      try {
        process.getInputStream().transferTo(output);
      } catch (IOException ignored) {
        // the process ended
      }
    }, "llama-engines-output");
    reader.setDaemon(true);
    reader.start();
    int exit = TestWaits.waitFor(process, 100_000);
    TestWaits.join(reader, 10_000);
    String text = output.toString(StandardCharsets.UTF_8);
    assertEquals(0, exit, "the JVM died with the engines loaded (" + order + "):\n"
        + text.substring(Math.max(0, text.length() - 4000)));
  }
}
