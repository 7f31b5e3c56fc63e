package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.story.Run;
import dev.storyvox.story.RunInputs;
import dev.storyvox.story.RunJson;
import dev.storyvox.story.RunStatus;
import dev.storyvox.story.RunUpdate;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code outputs.keep}: only the newest final runs stay, on disk and in the list, at start and after each run. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunsRetentionTest {

  private static final RunInputs INPUTS = new RunInputs("현대", "숲", "토끼", "우정", false);

  private final Vertx vertx = Vertx.vertx();
  private final Path outputs = TestServer.tempDir("runs-retention");

  @AfterEach
  void stop() {
    TestWaits.close(vertx);
  }

  @Test
  void keepsTheNewestThreeFinalRunsAtStartAndAfterEachRun() throws IOException {
    List<String> stored = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String id = "2026012" + i + "_120000_000000";
      stored.add(id);
      store(Run.queued(id, INPUTS, Instant.parse("2026-01-2" + i + "T12:00:00Z"), 1).withStatus(RunStatus.DONE));
    }
    JsonObject overrides = new JsonObject()
        .put("outputs", new JsonObject().put("dir", outputs.toString()).put("keep", 3))
        .put("llm", new JsonObject().put("model", TestData.model("stories260Ktok512.gguf").toString())
            .put("threads", 1).put("contextSize", 8192))
        .put("comfyui", new JsonObject().put("url", ""))
        .put("tts", new JsonObject().put("engine", "none"))
        .put("story", new JsonObject().put("requireKorean", false));
    int port = TestWaits.await(TestServer.start(vertx, overrides));
    WebClient client = TestServer.client(vertx, port);
    assertEquals(List.of(stored.get(4), stored.get(3), stored.get(2)), listed(client));
    assertFalse(Files.exists(outputs.resolve(stored.get(0))), "the oldest run's folder is deleted");
    assertFalse(Files.exists(outputs.resolve(stored.get(1))));

    String runId = TestWaits.await(client.post("/api/runs").sendJsonObject(INPUTS.toJson())).bodyAsJsonObject()
        .getString("run_id");
    assertEquals(List.of(runId, stored.get(4), stored.get(3), stored.get(2)), listed(client),
        "a live run is never deleted, even beyond keep");
    TestWaits.await(RunsSseClient.read(vertx, port, runId, null, e -> { }));
    while (Files.exists(outputs.resolve(stored.get(2)))) {
      TestWaits.await(vertx.timer(50));
    }
    assertEquals(List.of(runId, stored.get(4), stored.get(3)), listed(client));
    assertTrue(Files.exists(outputs.resolve(runId).resolve("cover.png")));
  }

  private static List<String> listed(WebClient client) {
    JsonObject page = TestWaits.await(client.get("/api/runs").send()).bodyAsJsonObject();
    return page.getJsonArray("runs").stream().map(o -> ((JsonObject) o).getString("run_id")).toList();
  }

  private void store(Run run) throws IOException {
    Path dir = Files.createDirectories(outputs.resolve(run.runId()));
    RunUpdate update = new RunUpdate(1, RunJson.event(run).encode(), true);
    Files.writeString(dir.resolve("run.json"), RunJson.file(run, List.of(update)).encode());
  }
}
