package dev.storyvox.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.ServerProcess;
import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of a server (its own JVM) with 20 runs and 20 solo submissions in flight, then a restart on the
 * same outputs: every acknowledged item reaches a final state and every state file still parses.
 */
@Tag("robustness")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CrashRecoveryTest {

  private static final int ITEMS = 20;
  private static final Set<String> RUN_FINAL = Set.of("DONE", "FAILED", "CANCELLED");
  private static final Set<String> SOLO_FINAL = Set.of("COMPLETED", "FAILED");
  private final Vertx vertx = Vertx.vertx();
  private final Path outputs = TestServer.tempDir("crash-outputs");

  @AfterEach
  void stop() {
    TestWaits.close(vertx);
  }

  @Test
  void everyAcknowledgedItemSurvivesAKillMinusNine() throws Exception {
    List<String> runs = new ArrayList<>();
    List<Integer> attempts = new ArrayList<>();
    try (ServerProcess first = ServerProcess.start(env())) {
      WebClient client = TestServer.client(vertx, first.awaitPort(60_000));
      List<Future<?>> acks = new ArrayList<>();
      for (int i = 1; i <= ITEMS; i++) {
        int attempt = i;
        acks.add(client.post("/api/runs").sendJsonObject(new JsonObject().put("era_ko", "현대").put("place_ko", "숲")
            .put("characters_ko", "토끼").put("topic_ko", "우정 " + i).put("tts_enabled", false))
            .onSuccess(r -> {
              if (r.statusCode() == 201) {
                synchronized (runs) {
                  runs.add(r.bodyAsJsonObject().getString("run_id"));
                }
              }
            }));
        acks.add(client.post("/api/v1/solo/submissions").sendJsonObject(new JsonObject().put("attemptId", attempt)
            .put("userText", "프로세스는 실행 중인 프로그램이고 메모리를 가집니다 " + i)
            .put("criteria", new JsonObject().put("keyword", "Process").put("modelAnswer", "프로세스는 실행 중인 프로그램입니다.")))
            .onSuccess(r -> {
              if (r.statusCode() == 202) {
                synchronized (attempts) {
                  attempts.add(attempt);
                }
              }
            }));
      }
      Future.join(acks).await(30, TimeUnit.SECONDS);
      first.kill();
      assertTrue(first.awaitExit(10_000) != -1, "killed");
    }
    assertEquals(ITEMS, runs.size(), "runs acknowledged");
    assertEquals(ITEMS, attempts.size(), "submissions acknowledged");
    assertStateFilesParse();

    try (ServerProcess second = ServerProcess.start(env())) {
      WebClient client = TestServer.client(vertx, second.awaitPort(60_000));
      long deadline = System.currentTimeMillis() + 180_000;
      List<String> unfinished = unfinished(client, runs, attempts);
      while (!unfinished.isEmpty() && System.currentTimeMillis() < deadline) {
        TestWaits.await(vertx.timer(500));
        unfinished = unfinished(client, runs, attempts);
      }
      assertEquals(List.of(), unfinished, "acknowledged items not final after the restart");
    }
    assertStateFilesParse();
  }

  private static List<String> unfinished(WebClient client, List<String> runs, List<Integer> attempts) {
    List<String> open = new ArrayList<>();
    for (String run : runs) {
      var r = TestWaits.await(client.get("/api/runs/" + run).send());
      if (r.statusCode() != 200 || !RUN_FINAL.contains(r.bodyAsJsonObject().getString("status"))) {
        open.add(run + " " + r.statusCode() + " " + r.bodyAsString().substring(0, Math.min(80, r.bodyAsString().length())));
      }
    }
    for (int attempt : attempts) {
      var r = TestWaits.await(client.get("/api/v1/solo/submissions/" + attempt).send());
      if (r.statusCode() != 200 || !SOLO_FINAL.contains(r.bodyAsJsonObject().getJsonObject("data").getString("status"))) {
        open.add("solo " + attempt + " " + r.statusCode());
      }
    }
    return open;
  }

  private void assertStateFilesParse() throws Exception {
    try (Stream<Path> files = Files.walk(outputs)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        String text = Files.readString(file);
        assertTrue(text.startsWith("{"), file + " is a JSON object");
        new JsonObject(text);
      }
    }
  }

  private Map<String, String> env() {
    return Map.of("STORYVOX_HTTP_PORT", "0", "STORYVOX_HTTP_HOST", "127.0.0.1",
        "STORYVOX_OUTPUTS_DIR", outputs.toString(),
        "STORYVOX_LLM_MODEL", TestData.model("stories260Ktok512.gguf").toString(),
        "STORYVOX_LLM_THREADS", "1", "STORYVOX_TTS_ENGINE", "none",
        "STORYVOX_STORY_REQUIREKOREAN", "false", "STORYVOX_STT_MODEL", "/nonexistent/whisper.bin");
  }
}
