package dev.storyvox.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.stt.SttTestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The outputs folder on a 3 MB tmpfs that fills up: creating a run or a submission that cannot be kept is
 * refused with 507 STORAGE_FULL, a run whose files no longer fit ends FAILED naming the folder (never
 * INTERNAL_ERROR, never left RUNNING or QUEUED), the queue moves on, runs complete again once space
 * returns, and {@code /ready} says when the folder is nearly full. Needs root (to mount the tmpfs); CI
 * runs as root. Free space is set precisely with a filler file.
 */
@Tag("robustness")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FullDiskTest {

  private static final long DISK_BYTES = 3L * 1024 * 1024;
  private static final long FINAL_WITHIN_MS = 60_000;
  private static final Set<String> RUN_FINAL = Set.of("DONE", "FAILED", "CANCELLED");
  private static final Set<String> SOLO_FINAL = Set.of("COMPLETED", "FAILED");
  private static final Set<String> STORAGE_CODES = Set.of("STORAGE_FULL", "STORAGE_FAILURE");
  private static final JsonObject INPUTS = new JsonObject().put("era_ko", "현대").put("place_ko", "숲")
      .put("characters_ko", "토끼").put("topic_ko", "우정");

  private final Vertx vertx = Vertx.vertx();
  private Path mount;
  private Path outputs;
  private Path filler;
  private WebClient client;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root) {
      System.out.println("FullDiskTest skipped: mounting a tmpfs needs root (CI runs as root)");
    }
    assumeTrue(root, "mounting a tmpfs needs root");
    mount = TestServer.tempDir("full-disk");
    int mounted = run("mount", "-t", "tmpfs", "-o", "size=" + DISK_BYTES, "tmpfs", mount.toString());
    if (mounted != 0) {
      System.out.println("FullDiskTest skipped: mount -t tmpfs failed (no CAP_SYS_ADMIN in this container?)");
    }
    assumeTrue(mounted == 0, "mount -t tmpfs failed");
    outputs = mount.resolve("outputs");
    filler = mount.resolve("filler");
    Files.createDirectories(outputs);
  }

  @AfterEach
  void unmount() throws Exception {
    try {
      TestWaits.close(vertx);
    } finally {
      if (outputs != null) {
        run("umount", "-l", mount.toString());
      }
    }
  }

  @Test
  void creatingARunOrSubmissionThatCannotBeKeptAnswers507AndLosesNothingAcknowledged() throws Exception {
    start(new JsonObject());
    String kept = createRun(INPUTS.copy().put("tts_enabled", false));
    assertEquals("DONE", awaitFinal(kept).getString("status"), "a run completes while there is room");

    fillLeaving(0);
    HttpResponse<Buffer> run = TestWaits.await(client.post("/api/runs").sendJsonObject(INPUTS), 30_000);
    assertStorageFull("/api/runs", run);
    HttpResponse<Buffer> submission = TestWaits.await(client.post("/api/v1/solo/submissions")
        .sendJsonObject(submission(7)), 30_000);
    assertStorageFull("/api/v1/solo/submissions", submission);
    assertTrue(submission.bodyAsJsonObject().containsKey("success")
        && !submission.bodyAsJsonObject().getBoolean("success"), submission.bodyAsString());

    assertEquals("DONE", get("/api/runs/" + kept).getString("status"), "an acknowledged run is still there");
    assertEquals(404, TestWaits.await(client.get("/api/v1/solo/submissions/7").send(), 10_000).statusCode(),
        "a refused submission was not kept");
    assertEquals(200, TestWaits.await(client.get("/health").send(), 10_000).statusCode());

    Files.delete(filler);
    assertEquals(0, run("mount", "-o", "remount,size=" + 64 * 1024 * 1024, mount.toString()),
        "remount bigger: the kept run alone fills most of the 3 MB");
    String after = createRun(INPUTS.copy().put("tts_enabled", false));
    assertEquals("DONE", awaitFinal(after).getString("status"), "runs complete once space is back");
    HttpResponse<Buffer> retried = TestWaits.await(client.post("/api/v1/solo/submissions")
        .sendJsonObject(submission(7)), 30_000);
    assertEquals(202, retried.statusCode(), "the retried submission is taken: " + retried.bodyAsString());
  }

  /**
   * The scenario that used to wedge the queue (12 runs 2 s apart on 3 MB: runs stuck RUNNING at LLM, the
   * rest QUEUED, still stuck after space was freed), scaled to 8 runs 1 s apart with narration, plus
   * submissions alongside.
   */
  @Test
  void runsThatNoLongerFitFailNamingTheFolderAndTheQueueMovesOn() throws Exception {
    start(new JsonObject());
    fillLeaving(900 * 1024);
    List<String> acknowledged = new ArrayList<>();
    List<Long> submissions = new ArrayList<>();
    Map<Integer, Integer> refusals = new LinkedHashMap<>();
    for (int i = 0; i < 8; i++) {
      HttpResponse<Buffer> r = TestWaits.await(client.post("/api/runs")
          .sendJsonObject(INPUTS.copy().put("topic_ko", "우정 " + i)), 30_000);
      if (r.statusCode() == 201) {
        acknowledged.add(r.bodyAsJsonObject().getString("run_id"));
      } else {
        assertNull(ErrorShapes.problem("/api/runs", r.statusCode(), r.body()), r.bodyAsString());
        assertTrue(Set.of(507, 429, 503).contains(r.statusCode()), "refused with " + r.bodyAsString());
        refusals.merge(r.statusCode(), 1, Integer::sum);
      }
      if (i % 3 == 0) {
        HttpResponse<Buffer> s = TestWaits.await(client.post("/api/v1/solo/submissions")
            .sendJsonObject(submission(100 + i)), 30_000);
        if (s.statusCode() == 202) {
          submissions.add(100L + i);
        } else {
          assertNull(ErrorShapes.problem("/api/v1/solo/submissions", s.statusCode(), s.body()), s.bodyAsString());
        }
      }
      TestWaits.await(vertx.timer(1_000), 5_000);
    }
    assertTrue(!acknowledged.isEmpty(), "some runs were taken before the disk filled: " + refusals);

    long deadline = System.currentTimeMillis() + FINAL_WITHIN_MS;
    Map<String, JsonObject> finals = new LinkedHashMap<>();
    for (String runId : acknowledged) {
      finals.put(runId, awaitFinal(runId, deadline));
    }
    for (long attempt : submissions) {
      JsonObject data = pollUntil("/api/v1/solo/submissions/" + attempt,
          r -> SOLO_FINAL.contains(r.getJsonObject("data").getString("status")), deadline).getJsonObject("data");
      if ("FAILED".equals(data.getString("status"))) {
        assertNotEquals("INTERNAL_ERROR", data.getJsonObject("error").getString("code"), data.encode());
      }
    }
    int storageFailures = 0;
    for (JsonObject run : finals.values()) {
      if ("FAILED".equals(run.getString("status"))) {
        JsonObject error = run.getJsonObject("error");
        assertTrue(STORAGE_CODES.contains(error.getString("code")), "a full disk is named: " + run.encode());
        assertTrue(error.getString("message").contains(outputs.toString()), "the folder is named: " + run.encode());
        storageFailures++;
      } else {
        assertEquals("DONE", run.getString("status"), run.encode());
      }
    }
    assertTrue(storageFailures > 0, "the disk filled up during the runs: " + finals.values());

    assertEquals(0, run("mount", "-o", "remount,size=" + 64 * 1024 * 1024, mount.toString()), "remount bigger");
    String after = createRun(INPUTS);
    assertEquals("DONE", awaitFinal(after).getString("status"), "runs complete once space is back");
  }

  @Test
  void readyReportsStorageUnavailableWhenTheOutputsFolderIsNearlyFull() throws Exception {
    start(SttTestConfig.tinyRandom().put("outputs", new JsonObject().put("minFreeBytes", 1024 * 1024)));
    JsonObject ready = pollReady(r -> "READY".equals(storage(r).getString("state")));
    assertEquals("READY", storage(ready).getString("state"), ready.encode());

    fillLeaving(512 * 1024);
    HttpResponse<Buffer> full = TestWaits.await(client.get("/ready").send(), 10_000);
    assertEquals(503, full.statusCode(), full.bodyAsString());
    JsonObject storage = storage(full.bodyAsJsonObject());
    assertEquals("UNAVAILABLE", storage.getString("state"), full.bodyAsString());
    assertTrue(storage.getString("reason").contains(outputs.toString()), "names the folder: " + storage.encode());

    Files.delete(filler);
    ready = pollReady(r -> "READY".equals(storage(r).getString("state")));
    assertEquals("READY", storage(ready).getString("state"), ready.encode());
  }

  private static JsonObject storage(JsonObject ready) {
    JsonObject capabilities = ready.getJsonObject("capabilities");
    JsonObject storage = capabilities == null ? null : capabilities.getJsonObject("storage");
    return storage == null ? new JsonObject().put("state", "MISSING").put("reason", ready.encode()) : storage;
  }

  private JsonObject pollReady(Predicate<JsonObject> done) {
    long deadline = System.currentTimeMillis() + 30_000;
    JsonObject last = null;
    while (System.currentTimeMillis() < deadline) {
      last = TestWaits.await(client.get("/ready").send(), 10_000).bodyAsJsonObject();
      if (done.test(last)) {
        return last;
      }
      TestWaits.await(vertx.timer(250), 5_000);
    }
    return last;
  }

  private static void assertStorageFull(String path, HttpResponse<Buffer> r) {
    assertEquals(507, r.statusCode(), path + " on a full disk: " + r.bodyAsString());
    assertNull(ErrorShapes.problem(path, r.statusCode(), r.body()), r.bodyAsString());
    assertEquals("STORAGE_FULL", r.bodyAsJsonObject().getJsonObject("error").getString("code"), r.bodyAsString());
  }

  /** Fills the tmpfs with a filler file until only {@code freeBytes} (rounded to pages) are left. */
  private void fillLeaving(long freeBytes) throws IOException {
    FileStore store = Files.getFileStore(mount);
    byte[] chunk = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (store.getUsableSpace() > freeBytes) {
        out.write(chunk, 0, (int) Math.min(chunk.length, Math.max(1, store.getUsableSpace() - freeBytes)));
        out.flush();
      }
    } catch (IOException full) {
      // ENOSPC: the disk is as full as it gets
    }
  }

  private String createRun(JsonObject inputs) {
    HttpResponse<Buffer> r = TestWaits.await(client.post("/api/runs").sendJsonObject(inputs), 30_000);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("run_id");
  }

  private JsonObject awaitFinal(String runId) {
    return awaitFinal(runId, System.currentTimeMillis() + FINAL_WITHIN_MS);
  }

  private JsonObject awaitFinal(String runId, long deadline) {
    JsonObject run = pollUntil("/api/runs/" + runId, r -> RUN_FINAL.contains(r.getString("status")), deadline);
    if ("FAILED".equals(run.getString("status"))) {
      assertNotEquals("INTERNAL_ERROR", run.getJsonObject("error").getString("code"), run.encode());
    }
    return run;
  }

  /** Polls {@code path} until {@code done}; fails when {@code deadline} passes first. */
  private JsonObject pollUntil(String path, Predicate<JsonObject> done, long deadline) {
    String last = null;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<Buffer> r = TestWaits.await(client.get(path).send(), 10_000);
      if (r.statusCode() == 200 && done.test(r.bodyAsJsonObject())) {
        return r.bodyAsJsonObject();
      }
      last = r.statusCode() + " " + r.bodyAsString();
      TestWaits.await(vertx.timer(250), 5_000);
    }
    throw new AssertionError(path + " not final in time (acknowledged work must end): " + last);
  }

  private JsonObject get(String path) {
    HttpResponse<Buffer> r = TestWaits.await(client.get(path).send(), 10_000);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static JsonObject submission(long attempt) {
    return new JsonObject().put("attemptId", attempt).put("userText", "프로세스는 실행 중인 프로그램이고 메모리를 가집니다")
        .put("criteria", new JsonObject().put("keyword", "Process").put("modelAnswer", "프로세스는 실행 중인 프로그램입니다."));
  }

  private void start(JsonObject overrides) {
    JsonObject config = new JsonObject()
        .put("shutdown", new JsonObject().put("graceMs", 100))
        .put("outputs", new JsonObject().put("dir", outputs.toString()))
        .put("llm", new JsonObject().put("model", TestData.model("stories260Ktok512.gguf").toString())
            .put("threads", 1).put("contextSize", 8192))
        .put("comfyui", new JsonObject().put("url", ""))
        .put("tts", new JsonObject().put("engine", "espeak"))
        .put("story", new JsonObject().put("requireKorean", false))
        .put("stt", new JsonObject().put("model", "/nonexistent/whisper.bin"));
    int port = TestWaits.await(TestServer.start(vertx, config.mergeIn(overrides, true)), 60_000);
    client = TestServer.client(vertx, port);
  }

  private static int run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    int exit = TestWaits.waitFor(process, 10_000);
    if (exit != 0) {
      System.out.println(String.join(" ", command) + " exited " + exit + ": "
          + new String(process.getInputStream().readNBytes(2000)));
    }
    return exit;
  }
}
