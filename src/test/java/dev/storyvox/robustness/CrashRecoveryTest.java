package dev.storyvox.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.ServerProcess;
import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of a server (its own JVM) at 50 random moments while runs and solo submissions are being
 * created, worked on and resumed, each time restarted on the same outputs folder: after every kill each
 * state file still parses, and after a last restart every acknowledged item is there and reaches a final
 * state. The seed is printed; set {@code -Dstoryvox.crashSeed=<seed>} to replay a failing sequence.
 */
@Tag("robustness")
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class CrashRecoveryTest {

  private static final int KILLS = 50;
  private static final int FIRST_BATCH = 6;
  private static final long MAX_KILL_DELAY_MS = 500;
  private static final long MAX_EARLY_KILL_MS = 2_000;
  private static final long FINAL_WAIT_MS = 150_000;
  private static final Set<String> RUN_FINAL = Set.of("DONE", "FAILED", "CANCELLED");
  private static final Set<String> SOLO_FINAL = Set.of("COMPLETED", "FAILED");
  /** Quick starts: the server JVM is started 51 times. */
  private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

  private final Vertx vertx = Vertx.vertx();
  private final Path outputs = TestServer.tempDir("crash-outputs");
  private final Path jvmTemp = TestServer.tempDir("crash-jvm-tmp");
  private final List<String> runs = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> attempts = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong nextAttempt = new AtomicLong(1);

  @AfterEach
  void stop() {
    TestWaits.close(vertx);
  }

  @Test
  void everyAcknowledgedItemSurvivesFiftyKillMinusNines() throws Exception {
    long seed = Long.getLong("storyvox.crashSeed", System.nanoTime());
    System.out.println("CrashRecoveryTest seed: " + seed + " (replay with -Dstoryvox.crashSeed=" + seed + ")");
    Random random = new Random(seed);
    long began = System.currentTimeMillis();
    for (int kill = 1; kill <= KILLS; kill++) {
      String moment = cycle(kill, random);
      System.out.printf("CrashRecoveryTest: kill %d %s (%d s)%n", kill, moment, (System.currentTimeMillis() - began) / 1000);
      assertStateFilesParse("after kill " + kill + " (" + moment + ", seed " + seed + ")");
    }
    System.out.printf("CrashRecoveryTest: %d kills in %d s; %d runs and %d submissions acknowledged%n", KILLS,
        (System.currentTimeMillis() - began) / 1000, runs.size(), attempts.size());
    assertTrue(runs.size() >= FIRST_BATCH && attempts.size() >= FIRST_BATCH, "items were acknowledged");

    try (ServerProcess last = ServerProcess.start(jvm(), env())) {
      WebClient client = TestServer.client(vertx, last.awaitPort(60_000));
      long deadline = System.currentTimeMillis() + FINAL_WAIT_MS;
      List<String> unfinished = unfinished(client);
      while (!unfinished.isEmpty() && System.currentTimeMillis() < deadline) {
        TestWaits.await(vertx.timer(500), 5_000);
        unfinished = unfinished(client);
      }
      assertEquals(List.of(), unfinished, "acknowledged items not final after the last restart (seed " + seed + ")");
      assertTempFilesAreNotRuns(client);
      client.close();
    }
    assertStateFilesParse("after the last restart (seed " + seed + ")");
  }

  /**
   * One start and kill: usually the server is let start, given a few runs and submissions and killed 0 to
   * {@link #MAX_KILL_DELAY_MS} ms later (while it writes them, resumes earlier ones or answers); sometimes
   * it is killed while still starting (loading, resuming). Answers where the kill landed.
   */
  private String cycle(int kill, Random random) throws Exception {
    boolean early = kill > 1 && random.nextInt(3) == 0;
    try (ServerProcess server = ServerProcess.start(jvm(), env())) {
      String moment;
      if (early) {
        long delay = random.nextLong(MAX_EARLY_KILL_MS);
        Thread.sleep(delay);
        moment = delay + " ms after the start";
      } else {
        WebClient client = TestServer.client(vertx, server.awaitPort(60_000));
        int items = kill == 1 ? FIRST_BATCH : 1 + random.nextInt(3);
        List<Future<?>> posts = new ArrayList<>();
        for (int i = 0; i < items; i++) {
          posts.add(createRun(client, kill, i));
          posts.add(submit(client, nextAttempt.getAndIncrement()));
        }
        if (kill == 1) {
          TestWaits.await(Future.join(posts), 30_000);
        }
        long delay = random.nextLong(MAX_KILL_DELAY_MS);
        Thread.sleep(delay);
        moment = delay + " ms after " + items + " runs and submissions were posted";
        server.kill();
        client.close();
      }
      server.kill();
      assertTrue(server.awaitExit(10_000) != -1, "the server was killed");
      return moment;
    }
  }

  private Future<HttpResponse<Buffer>> createRun(WebClient client, int kill, int i) {
    return client.post("/api/runs").sendJsonObject(new JsonObject().put("era_ko", "현대").put("place_ko", "숲")
        .put("characters_ko", "토끼").put("topic_ko", "우정 " + kill + "-" + i).put("tts_enabled", false))
        .onSuccess(r -> {
          if (r.statusCode() == 201) {
            runs.add(r.bodyAsJsonObject().getString("run_id"));
          }
        });
  }

  private Future<HttpResponse<Buffer>> submit(WebClient client, long attempt) {
    return client.post("/api/v1/solo/submissions").sendJsonObject(new JsonObject().put("attemptId", attempt)
        .put("userText", "프로세스는 실행 중인 프로그램이고 메모리를 가집니다 " + attempt)
        .put("criteria", new JsonObject().put("keyword", "Process").put("modelAnswer", "프로세스는 실행 중인 프로그램입니다.")))
        .onSuccess(r -> {
          if (r.statusCode() == 202) {
            attempts.add(attempt);
          }
        });
  }

  private List<String> unfinished(WebClient client) {
    List<String> open = new ArrayList<>();
    for (String run : List.copyOf(runs)) {
      var r = TestWaits.await(client.get("/api/runs/" + run).send(), 10_000);
      if (r.statusCode() != 200 || !RUN_FINAL.contains(r.bodyAsJsonObject().getString("status"))) {
        open.add("run " + run + " " + r.statusCode() + " " + shorten(r.bodyAsString()));
      }
    }
    for (long attempt : List.copyOf(attempts)) {
      var r = TestWaits.await(client.get("/api/v1/solo/submissions/" + attempt).send(), 10_000);
      if (r.statusCode() != 200 || !SOLO_FINAL.contains(r.bodyAsJsonObject().getJsonObject("data").getString("status"))) {
        open.add("solo " + attempt + " " + r.statusCode() + " " + shorten(r.bodyAsString()));
      }
    }
    return open;
  }

  /** A run folder holding only a temp file (its first write was cut) is not a run the server shows. */
  private void assertTempFilesAreNotRuns(WebClient client) throws Exception {
    List<String> halfMade;
    try (Stream<Path> dirs = Files.list(outputs)) {
      halfMade = dirs.filter(Files::isDirectory).filter(d -> !Files.exists(d.resolve("run.json")))
          .map(d -> d.getFileName().toString()).filter(name -> !name.equals("solo")).toList();
    }
    for (String folder : halfMade) {
      assertTrue(!runs.contains(folder), "acknowledged run " + folder + " has no run.json");
      int status = TestWaits.await(client.get("/api/runs/" + folder).send(), 10_000).statusCode();
      assertEquals(404, status, "run folder " + folder + " without run.json is shown as a run");
    }
  }

  /** Every state file parses: each run's {@code run.json} and each {@code solo/<attemptId>.json}. */
  private void assertStateFilesParse(String when) throws Exception {
    try (Stream<Path> files = Files.walk(outputs)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        boolean state = name.equals("run.json") || file.getParent().getFileName().toString().equals("solo")
            && name.endsWith(".json");
        if (state) {
          String text = Files.readString(file);
          assertTrue(text.startsWith("{"), when + ": " + file + " is not a JSON object: " + shorten(text));
          try {
            new JsonObject(text);
          } catch (RuntimeException e) {
            throw new AssertionError(when + ": " + file + " does not parse: " + shorten(text), e);
          }
        }
      }
    }
  }

  private static String shorten(String text) {
    return text == null ? "" : text.substring(0, Math.min(120, text.length()));
  }

  private List<String> jvm() {
    List<String> options = new ArrayList<>(JVM);
    options.add("-Djava.io.tmpdir=" + jvmTemp);
    return options;
  }

  private Map<String, String> env() {
    return Map.of("STORYVOX_HTTP_PORT", "0", "STORYVOX_HTTP_HOST", "127.0.0.1",
        "STORYVOX_OUTPUTS_DIR", outputs.toString(),
        "STORYVOX_LLM_MODEL", TestData.model("stories260Ktok512.gguf").toString(),
        "STORYVOX_LLM_THREADS", "1", "STORYVOX_TTS_ENGINE", "none",
        "STORYVOX_STORY_REQUIREKOREAN", "false", "STORYVOX_STT_MODEL", "/nonexistent/whisper.bin");
  }
}
