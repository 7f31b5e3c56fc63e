package dev.storyvox.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One browser spec in {@code src/test/js}, run with {@code node} against a server, bounded in time. Its output
 * (the spec's log and any failure) is kept for the assertion message.
 */
final class NodeSpec {

  /** Where the specs and their {@code package.json} live. */
  static final Path DIR = Path.of("src", "test", "js");
  /** Where the specs save their screenshots. */
  static final Path SCREENSHOTS = Path.of("target", "browser");
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  private NodeSpec() {
  }

  /** Why the browser tests cannot run here, or empty when node, chromium and playwright-core are installed. */
  static Optional<String> missing() {
    if (!onPath("node")) {
      return Optional.of("node is not installed (bin/test installs it: apt-get install nodejs npm)");
    }
    if (!Files.isExecutable(CHROMIUM)) {
      return Optional.of(CHROMIUM + " is not installed (bin/test installs it: apt-get install chromium)");
    }
    if (!Files.isDirectory(DIR.resolve("node_modules/playwright-core"))) {
      return Optional.of("playwright-core is not installed (bin/test runs npm ci in " + DIR + ")");
    }
    return Optional.empty();
  }

  /** Runs {@code node <spec> <baseUrl> <screenshots> <extra…>}; answers its exit code and output. */
  static Result run(String spec, String baseUrl, long timeoutSeconds, String... extra)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", spec, baseUrl, SCREENSHOTS.toAbsolutePath().toString()));
    command.addAll(List.of(extra));
    Path log = Files.createTempFile("storyvox-" + spec, ".log");
    Process node = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean finished = node.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!finished) {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    return new Result(finished ? node.exitValue() : -1,
        finished ? output : output + "\n(" + spec + " did not finish within " + timeoutSeconds + " s)");
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    return List.of(path.split(":")).stream().anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  /** A finished spec: its exit code (−1 when it ran out of time) and everything it printed. */
  record Result(int exitCode, String output) {
  }
}
