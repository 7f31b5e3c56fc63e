package dev.storyvox.bench;

import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.stt.SttTestConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Speech-to-text throughput for each whisper context × thread combination that fits the cores, at 1, 2 and 4
 * closed-loop clients: every client sends {@code POST /api/v1/transcriptions} for one clip and the next as soon as
 * the answer arrives, for a fixed number of requests. One server per combination, on the real engine and model.
 */
final class SttThroughput {

  /** One measured cell: a combination at a client count. */
  record Cell(int contexts, int threads, int clients, double perSecond, double p50Ms) {
    Cell withCombo(int[] combo) {
      return new Cell(combo[0], combo[1], clients, perSecond, p50Ms);
    }
  }

  private final Vertx vertx;
  private final String model;
  private final byte[] clip;

  SttThroughput(Vertx vertx, String model, byte[] clip) {
    this.vertx = vertx;
    this.model = model;
    this.clip = clip;
  }

  /** The combinations whose contexts × threads fit {@code cores}: 1×cores, …, cores×1. */
  static List<int[]> combinations(int cores) {
    List<int[]> combos = new ArrayList<>();
    for (int contexts = 1; contexts <= cores; contexts++) {
      if (cores % contexts == 0) {
        combos.add(new int[] {contexts, cores / contexts});
      }
    }
    return combos;
  }

  List<Cell> measure(int cores, int[] clientCounts, int requestsPerClient) throws Exception {
    HttpServer origin = TestWaits.await(vertx.createHttpServer()
        .requestHandler(r -> r.response().putHeader("content-type", "audio/wav").end(Buffer.buffer(clip)))
        .listen(0, "127.0.0.1"));
    List<Cell> cells = new ArrayList<>();
    try {
      for (int[] combo : combinations(cores)) {
        JsonObject overrides = SttTestConfig.overrides(model, 64);
        overrides.getJsonObject("stt").put("threads", combo[1]);
        overrides.put("gpu", new JsonObject().put("whisperPerDevice", combo[0]));
        Vertx server = Vertx.vertx();
        try {
          int port = TestWaits.await(TestServer.start(server, overrides));
          WebClient client = TestServer.client(vertx, port);
          JsonObject body = new JsonObject().put("audioUrl", "http://127.0.0.1:" + origin.actualPort() + "/clip.wav")
              .put("language", "en");
          run(client, body, 1, 1);
          for (int clients : clientCounts) {
            cells.add(run(client, body, clients, requestsPerClient).withCombo(combo));
          }
        } finally {
          TestWaits.close(server);
        }
      }
    } finally {
      TestWaits.await(origin.close());
    }
    return cells;
  }

  private Cell run(WebClient client, JsonObject body, int clients, int requestsPerClient) throws Exception {
    double[] latencies = new double[clients * requestsPerClient];
    int[] next = {0};
    List<Future<Void>> loops = new ArrayList<>();
    long started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Promise<Void> loop = Promise.promise();
      send(client, body, requestsPerClient, latencies, next, loop);
      loops.add(loop.future());
    }
    Future.all(loops).await(600, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - started) / 1e9;
    Arrays.sort(latencies);
    return new Cell(0, 0, clients, latencies.length / seconds, latencies[latencies.length / 2]);
  }

  private void send(WebClient client, JsonObject body, int left, double[] latencies, int[] next, Promise<Void> loop) {
    if (left == 0) {
      loop.complete();
      return;
    }
    long started = System.nanoTime();
    client.post("/api/v1/transcriptions").timeout(300_000).sendJsonObject(body).onComplete(ar -> {
      if (ar.failed() || ar.result().statusCode() != 200) {
        loop.tryFail(ar.failed() ? ar.cause().toString() : ar.result().bodyAsString());
        return;
      }
      synchronized (latencies) {
        latencies[next[0]++] = (System.nanoTime() - started) / 1e6;
      }
      send(client, body, left - 1, latencies, next, loop);
    });
  }
}
