package dev.storyvox.bench;

import dev.storyvox.TestWaits;
import dev.storyvox.bus.Addresses;
import dev.storyvox.story.RunUpdate;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * SSE fan-out measured from outside: {@link SseSubscribers} runs in its own JVM with {@code subscribers}
 * raw-socket streams of one live run; this JVM (the server) publishes {@code updates} updates on the run's
 * event address ({@code story.events.<runId>}, as {@code RunStore} does) 20 ms apart with the send time in
 * their data. Measures how many subscribers got every update, the send-to-receive latency percentiles, the
 * CPU the server and the subscribers used over the window (from {@code /proc/<pid>/stat}) and the server's
 * heap per open stream.
 */
final class SseFanOut {

  /** What the fan-out measured; CPU figures are percent of one core over the publishing window. */
  record Result(int subscribers, int opened, int complete, double p50Ms, double p99Ms, double maxMs,
      double serverCpuPct, double subscriberCpuPct, double windowS, double heapPerSubscriberKb) {
  }

  private static final long TICKS_PER_S = 100;
  private final Vertx vertx;
  private final int port;

  SseFanOut(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  Result run(String runId, int subscribers, int updates) throws Exception {
    long waitMs = updates * 20L + 60_000;
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-Dlogback.configurationFile=bench/logback.xml", "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        SseSubscribers.class.getName(), "127.0.0.1", Integer.toString(port), runId, Integer.toString(subscribers),
        Integer.toString(updates), Long.toString(waitMs)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> read(process, lines), "sse-subscribers-output");
    reader.setDaemon(true);
    reader.start();
    try {
      long heapBefore = TestWaits.usedHeap();
      int opened = Integer.parseInt(awaitLine(lines, "OPEN ", 180_000).substring(5).strip());
      double heapPerKb = (TestWaits.usedHeap() - heapBefore) / 1024.0 / Math.max(1, opened);
      long serverTicks = cpuTicks(ProcessHandle.current().pid());
      long clientTicks = cpuTicks(process.pid());
      long started = System.nanoTime();
      for (int u = 0; u < updates; u++) {
        String data = new JsonObject().put("run_id", runId).put("status", "RUNNING").encode()
            .replace("}", "," + SseSubscribers.MARK + System.nanoTime() + "}");
        vertx.eventBus().publish(Addresses.STORY_EVENTS + runId, new RunUpdate(100_000 + u, data, false));
        TestWaits.await(vertx.timer(20));
      }
      JsonObject result = new JsonObject(awaitLine(lines, "RESULT ", waitMs + 30_000).substring(7));
      double windowS = (System.nanoTime() - started) / 1e9;
      double serverCpu = (cpuTicks(ProcessHandle.current().pid()) - serverTicks) / (double) TICKS_PER_S;
      double clientCpu = (cpuTicks(process.pid()) - clientTicks) / (double) TICKS_PER_S;
      TestWaits.waitFor(process, 30_000);
      JsonArray p = result.getJsonArray("p50_p90_p99_p999_max_ms");
      return new Result(subscribers, opened, result.getInteger("complete"), p.getDouble(0), p.getDouble(2),
          p.getDouble(4), 100 * serverCpu / windowS, 100 * clientCpu / windowS, windowS, heapPerKb);
    } finally {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The user + system CPU ticks of process {@code pid} so far (fields 14 and 15 of /proc/pid/stat). */
  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static String awaitLine(BlockingQueue<String> lines, String prefix, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    List<String> seen = new ArrayList<>();
    while (System.currentTimeMillis() < deadline) {
      String line = lines.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      if (line == null) {
        break;
      }
      if (line.startsWith(prefix)) {
        return line;
      }
      seen.add(line);
    }
    throw new IllegalStateException("subscribers printed no " + prefix.strip() + " line within " + timeoutMs
        + " ms: " + String.join("\n", seen));
  }

  private static void read(Process process, BlockingQueue<String> lines) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }
}
