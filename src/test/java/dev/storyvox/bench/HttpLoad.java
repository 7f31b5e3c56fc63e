package dev.storyvox.bench;

import dev.storyvox.TestWaits;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A closed-loop HTTP load generator on a Vert.x client: {@code connections} keep-alive connections each
 * send the next GET as soon as the last answer arrived, for a fixed time; answers throughput and latency
 * percentiles of the 200 answers.
 */
final class HttpLoad {

  /** What a load run measured. */
  record Result(long requests, long failures, double perSecond, double p50Ms, double p99Ms) {
  }

  private final Vertx vertx;
  private final int port;

  HttpLoad(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  Result run(String path, int connections, long durationMs) throws java.util.concurrent.TimeoutException {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
    Recorder recorder = new Recorder();
    Promise<Void> done = Promise.promise();
    long started = System.nanoTime();
    long deadline = started + TimeUnit.MILLISECONDS.toNanos(durationMs);
    int[] open = {connections};
    vertx.runOnContext(v -> {
      for (int i = 0; i < connections; i++) {
        loop(client, path, deadline, recorder, () -> {
          if (--open[0] == 0) {
            done.complete();
          }
        });
      }
    });
    done.future().await(durationMs + 30_000, TimeUnit.MILLISECONDS);
    double seconds = (System.nanoTime() - started) / 1e9;
    TestWaits.await(client.close());
    return recorder.result(seconds);
  }

  private void loop(HttpClient client, String path, long deadline, Recorder recorder, Runnable finished) {
    if (System.nanoTime() >= deadline) {
      finished.run();
      return;
    }
    long sent = System.nanoTime();
    client.request(HttpMethod.GET, path).compose(r -> r.send()).compose(r -> r.body().map(b -> r.statusCode()))
        .onComplete(ar -> {
          recorder.record(ar.succeeded() && ar.result() == 200, System.nanoTime() - sent);
          loop(client, path, deadline, recorder, finished);
        });
  }

  /** Latencies of one run; used from the one context the loops run on. */
  private static final class Recorder {

    private long[] nanos = new long[1 << 16];
    private int count;
    private long failures;

    void record(boolean ok, long latency) {
      if (!ok) {
        failures++;
        return;
      }
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = latency;
    }

    Result result(double seconds) {
      long[] sorted = Arrays.copyOf(nanos, count);
      Arrays.sort(sorted);
      return new Result(count, failures, count / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
      return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
  }
}
