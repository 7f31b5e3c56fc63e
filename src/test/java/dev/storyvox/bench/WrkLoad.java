package dev.storyvox.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wrk} load generator (Debian's, installed by {@code bin/bench} when root) in its own process: a
 * load from outside the server's and the bench's JVMs, as the figures were taken. Answers the same
 * {@link HttpLoad.Result} as the in-JVM generator.
 */
final class WrkLoad {

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private WrkLoad() {
  }

  /** Whether {@code wrk} is on the PATH. */
  static boolean available() {
    return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "wrk")));
  }

  static HttpLoad.Result run(int port, String path, int connections, long durationMs)
      throws IOException, InterruptedException {
    long seconds = Math.max(1, durationMs / 1000);
    Path report = Files.createTempFile("wrk", ".txt");
    Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
        "http://127.0.0.1:" + port + path).redirectErrorStream(true).redirectOutput(report.toFile()).start();
    if (!wrk.waitFor(seconds + 30, TimeUnit.SECONDS)) {
      wrk.destroyForcibly();
      throw new IllegalStateException("wrk did not end");
    }
    String out = Files.readString(report, StandardCharsets.UTF_8);
    Files.deleteIfExists(report);
    Matcher rate = RATE.matcher(out);
    Matcher total = TOTAL.matcher(out);
    if (wrk.exitValue() != 0 || !rate.find() || !total.find()) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    long failures = count(NON_2XX, out);
    Matcher errors = ERRORS.matcher(out);
    if (errors.find()) {
      for (int i = 1; i <= 4; i++) {
        failures += Long.parseLong(errors.group(i));
      }
    }
    return new HttpLoad.Result(Long.parseLong(total.group(1)), failures, Double.parseDouble(rate.group(1)),
        percentileMs(out, "50%"), percentileMs(out, "99%"));
  }

  private static long count(Pattern pattern, String out) {
    Matcher m = pattern.matcher(out);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static double percentileMs(String out, String label) {
    Matcher m = Pattern.compile("\\s" + label + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
    if (!m.find()) {
      return Double.NaN;
    }
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }
}
