package dev.storyvox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No test waits without a deadline: a wait that never ends hangs the whole suite until surefire's fork
 * timeout, with nothing to say which. Waits go through {@link TestWaits} or name their own bound.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TestWaitsGuardTest {

  /** Waits that block until something happens, with no bound of their own. */
  private static final List<Pattern> UNBOUNDED = List.of(
      Pattern.compile("\\.await\\(\\s*\\)"),
      Pattern.compile("\\.join\\(\\s*\\)"),
      Pattern.compile("\\.waitFor\\(\\s*\\)"),
      Pattern.compile("toCompletableFuture\\(\\)\\s*\\.(get|join)\\(\\s*\\)"),
      Pattern.compile("\\.acquire\\(\\s*\\)"),
      Pattern.compile("\\.readAllBytes\\(\\s*\\)\\s*;.*getInputStream|getInputStream\\(\\)\\s*\\.readAllBytes"),
      Pattern.compile("while\\s*\\(\\s*true\\s*\\)"));

  @Test
  void everyWaitInTheTestsHasADeadline() throws IOException {
    List<String> found = new ArrayList<>();
    Path self = Path.of("src/test/java/dev/storyvox/TestWaitsGuardTest.java");
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java") && !p.equals(self)).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          for (Pattern unbounded : UNBOUNDED) {
            if (unbounded.matcher(line).find()) {
              found.add(file + ":" + (i + 1) + ": " + line.strip());
            }
          }
        }
      }
    }
    assertEquals(List.of(), found, "waits without a deadline (use TestWaits or pass a timeout)");
  }
}
