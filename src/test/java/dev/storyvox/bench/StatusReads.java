package dev.storyvox.bench;

import dev.storyvox.ServerProcess;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.illustration.FakeComfyUi;
import dev.storyvox.llm.FakeChatServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Status reads side by side, in one run: {@code GET /api/runs/{id}} on storyvox (its own JVM, a finished run
 * made through fakes), the same document from the seed's design ({@code bench/fastapi_runs.py}, FastAPI +
 * uvicorn, when Debian's packages are installed) and {@code GET /health} on the same storyvox process.
 * Interleaved rounds (storyvox, FastAPI, /health), 64 connections each, medians reported.
 */
final class StatusReads {

  private static final int CONNECTIONS = 64;
  private static final int ROUNDS = 3;
  /** Debian's interpreter, where its python3-fastapi lives (a pyenv or venv python3 earlier on the PATH lacks it). */
  private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  private static final long ROUND_MS = Long.getLong("storyvox.bench.roundMs", 6_000);

  private final BenchReport report;

  /** The FastAPI peer's process and port. */
  private record Peer(Process process, int port) {
  }

  StatusReads(BenchReport report) {
    this.report = report;
  }

  void run(JsonObject inputs, String story) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      FakeComfyUi comfy = TestWaits.await(new FakeComfyUi(vertx, 1).start());
      FakeChatServer llm = new FakeChatServer();
      llm.reply = story;
      TestWaits.await(llm.start(vertx));
      Map<String, String> env = Map.of("STORYVOX_HTTP_PORT", "0", "STORYVOX_HTTP_HOST", "127.0.0.1",
          "STORYVOX_OUTPUTS_DIR", TestServer.tempDir("bench-reads").toString(), "STORYVOX_STT_MODEL", "/none.bin",
          "STORYVOX_TTS_ENGINE", "none", "STORYVOX_LLM_BACKEND", "openai", "STORYVOX_LLM_OPENAI_BASE_URL",
          llm.baseUrl(), "STORYVOX_LLM_OPENAI_API_KEY", FakeChatServer.KEY, "STORYVOX_COMFYUI_URL", comfy.url());
      try (ServerProcess server = ServerProcess.start(env)) {
        int port = server.awaitPort(60_000);
        WebClient client = TestServer.client(vertx, port);
        String runId = TestWaits.await(client.post("/api/runs").sendJsonObject(inputs)).bodyAsJsonObject()
            .getString("run_id");
        String path = "/api/runs/" + runId;
        JsonObject run = TestWaits.await(client.get(path).send()).bodyAsJsonObject();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!List.of("DONE", "FAILED").contains(run.getString("status")) && System.currentTimeMillis() < deadline) {
          TestWaits.await(vertx.timer(50));
          run = TestWaits.await(client.get(path).send()).bodyAsJsonObject();
        }
        compare(vertx, port, path, run);
      }
    } finally {
      TestWaits.close(vertx);
    }
  }

  private void compare(Vertx vertx, int port, String path, JsonObject run) throws Exception {
    Peer fastapi = startFastApi(vertx, run);
    try {
      List<Double> ours = new ArrayList<>();
      List<Double> peer = new ArrayList<>();
      List<Double> health = new ArrayList<>();
      load(vertx, port, path, 2_000);
      load(vertx, port, "/health", 2_000);
      if (fastapi != null) {
        load(vertx, fastapi.port(), path, 2_000);
      }
      for (int i = 0; i < ROUNDS; i++) {
        ours.add(load(vertx, port, path, ROUND_MS));
        if (fastapi != null) {
          peer.add(load(vertx, fastapi.port(), path, ROUND_MS));
        }
        health.add(load(vertx, port, "/health", ROUND_MS));
      }
      report.add(BenchFigure.info("GET /api/runs/{id} req/s, storyvox " + ours, median(ours), "req/s"));
      report.add(BenchFigure.info("GET /health req/s, same storyvox " + health, median(health), "req/s"));
      report.add(BenchFigure.atLeast("status read storyvox / its /health, median of rounds", medianRatio(ours, health),
          "ratio", 0.6));
      if (fastapi != null) {
        report.add(BenchFigure.info("GET /api/runs/{id} req/s, FastAPI seed design " + peer, median(peer), "req/s"));
        report.add(BenchFigure.atLeast("status read storyvox / FastAPI, median of rounds", medianRatio(ours, peer),
            "ratio", 10));
      } else {
        report.note("status reads: FastAPI peer skipped (python3-fastapi/python3-uvicorn not installed; bin/bench"
            + " installs them when root)");
      }
      report.note("status reads: " + ROUNDS + " interleaved rounds of " + ROUND_MS / 1000 + " s, " + CONNECTIONS
          + " connections, " + (WrkLoad.available() ? "wrk (own process)" : "Vert.x client in the bench JVM")
          + "; storyvox in its own JVM (-Xmx512m), uvicorn one process; all on the same cores; medians");
    } finally {
      if (fastapi != null) {
        fastapi.process().destroy();
        if (!fastapi.process().waitFor(10, TimeUnit.SECONDS)) {
          fastapi.process().destroyForcibly();
        }
      }
    }
  }

  private static double load(Vertx vertx, int port, String path, long ms) throws Exception {
    HttpLoad.Result r = WrkLoad.available() ? WrkLoad.run(port, path, CONNECTIONS, ms)
        : new HttpLoad(vertx, port).run(path, CONNECTIONS, ms);
    if (r.failures() > 0) {
      throw new IllegalStateException(r.failures() + " failed requests on " + path + " port " + port);
    }
    return Math.round(r.perSecond());
  }

  /** Starts the seed's design on a free port serving {@code run}; null when FastAPI/uvicorn are missing. */
  private static Peer startFastApi(Vertx vertx, JsonObject run) throws Exception {
    Process probe = new ProcessBuilder(PYTHON, "-c", "import fastapi, uvicorn").redirectErrorStream(true).start();
    if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
      return null;
    }
    Path file = TestServer.tempDir("bench-fastapi").resolve("run.json");
    Files.writeString(file, run.encode());
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder(PYTHON, "-m", "uvicorn", "fastapi_runs:app", "--app-dir", "bench",
        "--host", "127.0.0.1", "--no-access-log", "--log-level", "warning", "--port", String.valueOf(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("RUN_JSON", file.toString());
    Process process = builder.start();
    WebClient client = TestServer.client(vertx, port);
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline && process.isAlive()) {
      try {
        if (TestWaits.await(client.get("/api/runs/" + run.getString("run_id")).send(), 2_000).statusCode() == 200) {
          return new Peer(process, port);
        }
      } catch (Exception notYet) {
        TestWaits.await(vertx.timer(100));
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("the FastAPI peer did not answer");
  }

  /** The median over rounds of each round's ratio: a pair measured side by side shares that moment's noise. */
  private static double medianRatio(List<Double> numerators, List<Double> denominators) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < numerators.size(); i++) {
      ratios.add(numerators.get(i) / denominators.get(i));
    }
    return median(ratios);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
