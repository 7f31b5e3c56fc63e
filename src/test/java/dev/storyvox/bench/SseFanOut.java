package dev.storyvox.bench;

import dev.storyvox.TestWaits;
import dev.storyvox.bus.Addresses;
import dev.storyvox.story.RunUpdate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * SSE fan-out: {@code subscribers} raw connections follow one live run's event stream; {@code updates}
 * updates are published on the run's event address ({@code story.events.<runId>}, as {@code RunStore} does)
 * with the send time in their data. Measures how many subscribers got every update, the delivery latency
 * percentiles and the heap each open subscriber costs (client and server side together, same JVM).
 */
final class SseFanOut {

  /** What the fan-out measured. */
  record Result(int subscribers, int complete, double p50Ms, double p99Ms, double heapPerSubscriberKb) {
  }

  private static final String MARK = "\"bench_sent\":";
  private final Vertx vertx;
  private final int port;

  SseFanOut(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  Result run(String runId, int subscribers, int updates) throws Exception {
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(30_000));
    long heapBefore = TestWaits.usedHeap();
    AtomicInteger opened = new AtomicInteger();
    int[] received = new int[subscribers];
    AtomicLongArray latencies = new AtomicLongArray(subscribers * updates);
    AtomicInteger latencyCount = new AtomicInteger();
    List<NetSocket> sockets = new ArrayList<>();
    for (int batch = 0; batch < subscribers; batch += 250) {
      List<Future<NetSocket>> connects = new ArrayList<>();
      for (int i = batch; i < Math.min(subscribers, batch + 250); i++) {
        int index = i;
        connects.add(client.connect(port, "127.0.0.1").onSuccess(socket -> {
          StringBuilder pending = new StringBuilder();
          boolean[] open = {false};
          socket.handler(data -> {
            long now = System.nanoTime();
            pending.append(data.toString());
            if (!open[0] && pending.indexOf("stream open") >= 0) {
              open[0] = true;
              opened.incrementAndGet();
            }
            int at;
            while ((at = pending.indexOf(MARK)) >= 0) {
              int end = at + MARK.length();
              while (end < pending.length() && Character.isDigit(pending.charAt(end))) {
                end++;
              }
              if (end == pending.length()) {
                break;
              }
              long sent = Long.parseLong(pending.substring(at + MARK.length(), end));
              latencies.set(latencyCount.getAndIncrement(), now - sent);
              received[index]++;
              pending.delete(0, end);
            }
            if (pending.length() > 4096) {
              pending.delete(0, pending.length() - 64);
            }
          });
          socket.write("GET /api/runs/" + runId + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
        }));
      }
      Future.join(connects).await(60, TimeUnit.SECONDS);
      connects.forEach(f -> {
        if (f.succeeded()) {
          sockets.add(f.result());
        }
      });
    }
    TestWaits.until(vertx, () -> opened.get() >= sockets.size(), 60_000);
    double heapPerKb = (TestWaits.usedHeap() - heapBefore) / 1024.0 / Math.max(1, opened.get());
    for (int u = 0; u < updates; u++) {
      String data = new JsonObject().put("run_id", runId).put("status", "RUNNING").encode()
          .replace("}", "," + MARK + System.nanoTime() + "}");
      vertx.eventBus().publish(Addresses.STORY_EVENTS + runId, new RunUpdate(100_000 + u, data, false));
      TestWaits.await(vertx.timer(20));
    }
    TestWaits.until(vertx, () -> latencyCount.get() >= opened.get() * updates, 30_000);
    sockets.forEach(NetSocket::close);
    TestWaits.await(client.close());
    int complete = (int) Arrays.stream(received).filter(n -> n == updates).count();
    long[] sorted = new long[latencyCount.get()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = latencies.get(i);
    }
    Arrays.sort(sorted);
    return new Result(subscribers, complete, percentile(sorted, 0.5), percentile(sorted, 0.99), heapPerKb);
  }


  private static double percentile(long[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }
}
