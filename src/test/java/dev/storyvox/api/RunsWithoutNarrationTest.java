package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code tts.engine: none} turns narration off for the whole server: a run that keeps the default
 * {@code tts_enabled: true} completes with pictures only (the real LLM on stories260K, Java cards).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RunsWithoutNarrationTest {

  private final Vertx vertx = Vertx.vertx();
  private final Path outputs = TestServer.tempDir("runs-no-tts");
  private int port;
  private WebClient client;

  @BeforeEach
  void start() {
    JsonObject overrides = new JsonObject()
        .put("shutdown", new JsonObject().put("graceMs", 100))
        .put("outputs", new JsonObject().put("dir", outputs.toString()))
        .put("llm", new JsonObject().put("model", TestData.model("stories260Ktok512.gguf").toString())
            .put("threads", 1).put("contextSize", 8192))
        .put("comfyui", new JsonObject().put("url", ""))
        .put("tts", new JsonObject().put("engine", "none"))
        .put("story", new JsonObject().put("requireKorean", false));
    port = TestWaits.await(TestServer.start(vertx, overrides));
    client = TestServer.client(vertx, port);
  }

  @AfterEach
  void stop() {
    TestWaits.close(vertx);
  }

  @Test
  void aRunThatAsksForNarrationCompletesWithoutIt() throws Exception {
    var created = TestWaits.await(client.post("/api/runs").sendJsonObject(new JsonObject().put("era_ko", "현대")
        .put("place_ko", "숲").put("characters_ko", "토끼").put("topic_ko", "우정")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String runId = created.bodyAsJsonObject().getString("run_id");

    List<RunsSseClient.Event> events = TestWaits.await(RunsSseClient.read(vertx, port, runId, null, e -> { })).events();
    for (RunsSseClient.Event event : events) {
      assertEquals(-1, event.data().getInteger("ready_max_audio_page"), event.data().encode());
      assertFalse("TTS".equals(event.data().getString("stage")), "no narration stage: " + event.data().encode());
    }
    JsonObject last = events.get(events.size() - 1).data();
    assertEquals("DONE", last.getString("status"), last.encode());
    assertEquals(4, last.getInteger("ready_max_page"));

    JsonObject run = TestWaits.await(client.get("/api/runs/" + runId).send()).bodyAsJsonObject();
    assertEquals("DONE", run.getString("status"), run.encode());
    assertTrue(run.getJsonObject("inputs").getBoolean("tts_enabled"), "the run asked for narration");
    assertNull(run.getValue("error"));
    assertEquals(-1, run.getInteger("ready_max_audio_page"));
    for (Object o : run.getJsonArray("pages")) {
      JsonObject page = (JsonObject) o;
      assertNull(page.getValue("audio_url"), page.encode());
      assertEquals(200, TestWaits.await(client.get(page.getString("image_url")).send()).statusCode());
    }
    assertEquals(404, TestWaits.await(client.get("/api/runs/" + runId + "/audio/page_0.wav").send()).statusCode());
    try (Stream<Path> files = Files.list(outputs.resolve(runId))) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wav")).toList());
    }
    JsonObject tts = TestWaits.await(client.get("/ready").send()).bodyAsJsonObject()
        .getJsonObject("capabilities").getJsonObject("tts");
    assertEquals("DISABLED", tts.getString("state"), tts.encode());
  }
}
