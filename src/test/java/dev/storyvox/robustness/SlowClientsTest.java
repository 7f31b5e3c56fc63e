package dev.storyvox.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.bus.Addresses;
import dev.storyvox.illustration.FakeComfyUi;
import dev.storyvox.story.RunUpdate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 500 event-stream clients that open a live run's stream and then never read (a 4 KB receive buffer,
 * reads paused), beside one normal client, while 200 updates of about 3 KB are published on the run's
 * event address: the normal client gets every update within 2 s, the heap grows less than 100 MB (what a
 * slow stream cannot take waits in the kernel, then in a bounded write queue, then the stream is cut off)
 * and {@code /health} keeps answering.
 */
@Tag("robustness")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowClientsTest {

  private static final Logger LOG = LoggerFactory.getLogger(SlowClientsTest.class);
  private static final int SLOW = 500;
  private static final int UPDATES = 200;
  private static final String MARK = "\"sent_nanos\":";
  private static final String PADDING = "가".repeat(1000);
  private static final long MAX_LATENCY_MS = 2000;
  private static final long MAX_HEAP_GROWTH = 100L << 20;

  private final Vertx vertx = Vertx.vertx();
  private final Vertx clients = Vertx.vertx();

  @AfterEach
  void stop() {
    TestWaits.await(clients.close());
    TestWaits.close(vertx);
  }

  @Test
  void clientsThatNeverReadDoNotDelayOthersNorHoldMemory() throws Exception {
    FakeComfyUi comfy = TestWaits.await(new FakeComfyUi(vertx, 4).start()).mode(FakeComfyUi.Mode.HANG);
    int port = TestWaits.await(TestServer.start(vertx, new JsonObject()
        .put("llm", new JsonObject().put("model", TestData.model("stories260Ktok512.gguf").toString())
            .put("threads", 1))
        .put("comfyui", new JsonObject().put("url", comfy.url()).put("timeoutMs", 60_000))
        .put("tts", new JsonObject().put("engine", "none"))
        .put("story", new JsonObject().put("requireKorean", false))
        .put("shutdown", new JsonObject().put("graceMs", 100))));
    WebClient web = TestServer.client(vertx, port);
    String runId = TestWaits.await(web.post("/api/runs").sendJsonObject(new JsonObject().put("era_ko", "현대").put("place_ko", "숲")
        .put("characters_ko", "토끼").put("topic_ko", "우정").put("tts_enabled", false)))
        .bodyAsJsonObject().getString("run_id");
    TestWaits.until(vertx, () -> "COVER".equals(TestWaits.await(web.get("/api/runs/" + runId).send()).bodyAsJsonObject().getString("stage")),
        20_000);
    long heapBefore = TestWaits.usedHeap();

    NetClient net = clients.createNetClient(new NetClientOptions().setReceiveBufferSize(4096));
    AtomicInteger paused = new AtomicInteger();
    List<Future<NetSocket>> slow = new ArrayList<>();
    for (int i = 0; i < SLOW; i++) {
      slow.add(net.connect(port, "127.0.0.1")
          .onSuccess(socket -> openThenStopReading(socket, runId, paused)));
    }
    Future.join(slow).await(30, TimeUnit.SECONDS);
    NormalClient normal = new NormalClient();
    TestWaits.await(clients.createNetClient().connect(port, "127.0.0.1").onSuccess(socket -> normal.follow(socket, runId)));
    TestWaits.until(vertx, () -> paused.get() == SLOW && normal.open, 20_000);
    assertEquals(SLOW, paused.get(), "slow streams opened");

    for (int u = 0; u < UPDATES; u++) {
      String data = new JsonObject().put("run_id", runId).put("status", "RUNNING").put("padding", PADDING).encode()
          .replace("}", "," + MARK + System.nanoTime() + "}");
      vertx.eventBus().publish(Addresses.STORY_EVENTS + runId, new RunUpdate(100_000 + u, data, false));
      TestWaits.await(vertx.timer(40));
    }
    TestWaits.until(vertx, () -> normal.received.get() == UPDATES, 10_000);
    long heapGrowth = TestWaits.usedHeap() - heapBefore;
    long healthStarted = System.nanoTime();
    int health = TestWaits.await(web.get("/health").send()).statusCode();
    long healthMs = (System.nanoTime() - healthStarted) / 1_000_000;
    LOG.info("{} slow streams, {} updates of {} bytes: normal client got {}, worst latency {} ms; "
        + "heap growth {} MB; /health {} in {} ms", SLOW, UPDATES, PADDING.length() * 3,
        normal.received.get(), normal.worstNanos.get() / 1_000_000, heapGrowth >> 20, health, healthMs);

    assertEquals(UPDATES, normal.received.get(), "every update reached the client that reads");
    assertTrue(normal.worstNanos.get() / 1_000_000 < MAX_LATENCY_MS,
        "worst delivery " + normal.worstNanos.get() / 1_000_000 + " ms");
    assertTrue(heapGrowth < MAX_HEAP_GROWTH, "heap grew " + (heapGrowth >> 20) + " MB");
    assertEquals(200, health);
    assertTrue(healthMs < 2000, "/health took " + healthMs + " ms");
    assertEquals(200, TestWaits.await(web.get("/api/runs/" + runId).send()).statusCode());
  }

  /** Sends the stream request, waits for the stream to open, then stops reading for good. */
  private static void openThenStopReading(NetSocket socket, String runId, AtomicInteger paused) {
    StringBuilder seen = new StringBuilder();
    socket.handler(data -> {
      seen.append(data);
      if (seen.indexOf("stream open") >= 0) {
        seen.setLength(0);
        socket.pause();
        paused.incrementAndGet();
      }
    });
    socket.write(request(runId));
  }

  private static String request(String runId) {
    return "GET /api/runs/" + runId + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
  }

  /** Reads every byte, counting the test's updates and the worst delay between publish and arrival. */
  private static final class NormalClient {
    final AtomicInteger received = new AtomicInteger();
    final AtomicLong worstNanos = new AtomicLong();
    volatile boolean open;
    private final StringBuilder pending = new StringBuilder();

    void follow(NetSocket socket, String runId) {
      socket.handler(data -> {
        long now = System.nanoTime();
        pending.append(data);
        open |= pending.indexOf("stream open") >= 0;
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
          worstNanos.accumulateAndGet(now - sent, Math::max);
          received.incrementAndGet();
          pending.delete(0, end);
        }
        if (pending.indexOf(MARK) < 0 && pending.length() > 64) {
          pending.delete(0, pending.length() - 64);
        }
      });
      socket.write(request(runId));
    }
  }
}
