package dev.storyvox.bench;

import dev.storyvox.ServerProcess;
import dev.storyvox.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Startup of the packaged jar without models, as {@code bin/storyvox} runs it: the time from process start
 * to {@code /health} answering and to {@code /ready} settling (no capability LOADING), median of
 * {@code launches} launches, without and with an AppCDS archive recorded by a training launch first.
 */
final class StartupTimes {

  /** Medians in milliseconds. */
  record Result(double healthMs, double readyMs, double cdsHealthMs, double cdsReadyMs, int launches) {
  }

  private static final long LAUNCH_TIMEOUT_MS = 60_000;
  private final Path jar;
  /** HTTP/1.1, as health probes and curl ask; the client's default would first try an h2c upgrade. */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofMillis(500)).build();

  StartupTimes(Path jar) {
    this.jar = jar;
  }

  Result measure(int launches) throws Exception {
    double[][] plain = launches(List.of(), launches);
    Path archive = Path.of("target", "cds", "bench-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis()
        + ".jsa");
    Files.createDirectories(archive.getParent());
    Files.deleteIfExists(archive);
    launch(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("the training launch recorded no archive at " + archive);
    }
    double[][] shared = launches(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
        "-Xlog:cds+dynamic=off"), launches);
    Files.deleteIfExists(archive);
    return new Result(median(plain[0]), median(plain[1]), median(shared[0]), median(shared[1]), launches);
  }

  private double[][] launches(List<String> jvmOptions, int count) throws Exception {
    double[][] times = new double[2][count];
    for (int i = 0; i < count; i++) {
      double[] one = launch(jvmOptions);
      times[0][i] = one[0];
      times[1][i] = one[1];
    }
    return times;
  }

  /** One launch: milliseconds to /health answering and to /ready settled; then SIGTERM and its exit. */
  private double[] launch(List<String> jvmOptions) throws Exception {
    int port = freePort();
    Map<String, String> env = new HashMap<>(Map.of("STORYVOX_HTTP_PORT", Integer.toString(port),
        "STORYVOX_HTTP_HOST", "127.0.0.1", "STORYVOX_LLM_MODEL", "/none.gguf", "STORYVOX_STT_MODEL", "/none.bin",
        "STORYVOX_TTS_ENGINE", "none", "STORYVOX_MODELS_DOWNLOAD", "false",
        "STORYVOX_OUTPUTS_DIR", TestServer.tempDir("bench-startup").toString()));
    long started = System.nanoTime();
    try (ServerProcess server = ServerProcess.startJar(jar, jvmOptions, env)) {
      long deadline = System.currentTimeMillis() + LAUNCH_TIMEOUT_MS;
      double health = -1;
      while (System.currentTimeMillis() < deadline) {
        HttpResponse<String> r = get(port, health < 0 ? "/health" : "/ready");
        if (health < 0 && r != null && r.statusCode() == 200) {
          health = (System.nanoTime() - started) / 1e6;
          continue;
        }
        if (health >= 0 && r != null && !r.body().contains("LOADING")) {
          double ready = (System.nanoTime() - started) / 1e6;
          server.terminate();
          if (server.awaitExit(60_000) < 0) {
            throw new IllegalStateException("the server did not stop within 60 s of SIGTERM");
          }
          return new double[] {health, ready};
        }
        Thread.sleep(5);
      }
      throw new IllegalStateException("no settled /ready within " + LAUNCH_TIMEOUT_MS + " ms: "
          + String.join("\n", server.output()));
    }
  }

  private HttpResponse<String> get(int port, String path) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
