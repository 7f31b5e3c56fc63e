package dev.storyvox.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
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
 * The subscribers of the SSE fan-out, in their own JVM: {@code main(host, port, runId, subscribers, updates,
 * waitMs)} opens that many raw-socket streams of {@code /api/runs/<runId>/events}, prints {@code OPEN <n>}
 * once every stream is open, reads SSE frames and takes each update's send-to-receive latency from the
 * {@code bench_sent} nanoTime in its data (the same monotonic clock in every process of the machine), and
 * after every update arrived (or {@code waitMs}) prints {@code RESULT <json>} and exits.
 */
public final class SseSubscribers {

  static final String MARK = "\"bench_sent\":";

  private SseSubscribers() {
  }

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String runId = args[2];
    int subscribers = Integer.parseInt(args[3]);
    int updates = Integer.parseInt(args[4]);
    long waitMs = Long.parseLong(args[5]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(30_000));
    AtomicInteger opened = new AtomicInteger();
    int[] received = new int[subscribers];
    AtomicLongArray latencies = new AtomicLongArray(subscribers * updates);
    AtomicInteger count = new AtomicInteger();
    List<NetSocket> sockets = new ArrayList<>();
    String request = "GET /api/runs/" + runId + "/events HTTP/1.1\r\nHost: " + host
        + "\r\nAccept: text/event-stream\r\n\r\n";
    for (int batch = 0; batch < subscribers; batch += 250) {
      List<Future<NetSocket>> connects = new ArrayList<>();
      for (int i = batch; i < Math.min(subscribers, batch + 250); i++) {
        int index = i;
        connects.add(client.connect(port, host).onSuccess(socket -> {
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
              int slot = count.getAndIncrement();
              if (slot < latencies.length()) {
                latencies.set(slot, now - Long.parseLong(pending.substring(at + MARK.length(), end)));
              }
              received[index]++;
              pending.delete(0, end);
            }
            if (pending.length() > 4096) {
              pending.delete(0, pending.length() - 64);
            }
          });
          socket.write(request);
        }));
      }
      Future.join(connects).await(60, TimeUnit.SECONDS);
      connects.stream().filter(Future::succeeded).forEach(f -> sockets.add(f.result()));
    }
    long deadline = System.currentTimeMillis() + 60_000;
    while (opened.get() < sockets.size() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    System.out.println("OPEN " + opened.get());
    System.out.flush();
    deadline = System.currentTimeMillis() + waitMs;
    while (count.get() < (long) opened.get() * updates && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    long[] sorted = new long[Math.min(count.get(), latencies.length())];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = latencies.get(i);
    }
    Arrays.sort(sorted);
    int complete = (int) Arrays.stream(received).filter(n -> n == updates).count();
    JsonArray percentiles = new JsonArray();
    for (double p : new double[] {0.5, 0.9, 0.99, 0.999, 1.0}) {
      percentiles.add(sorted.length == 0 ? -1
          : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6);
    }
    System.out.println("RESULT " + new JsonObject().put("connected", sockets.size()).put("opened", opened.get())
        .put("complete", complete).put("received", count.get()).put("p50_p90_p99_p999_max_ms", percentiles).encode());
    System.out.flush();
    sockets.forEach(NetSocket::close);
    client.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    System.exit(0);
  }
}
