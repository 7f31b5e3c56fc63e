package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.illustration.FakeComfyUi;
import dev.storyvox.story.Story;
import dev.storyvox.story.StoryParser;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole runs on the real engines: the LLM on stories260K, ComfyUI behind a fake ComfyUI server (or the
 * Java card renderer), espeak-ng narration; watched through the event stream as a browser would.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RunsPipelineTest {

  private static final JsonObject INPUTS = new JsonObject().put("era_ko", "현대").put("place_ko", "숲")
      .put("characters_ko", "토끼").put("topic_ko", "우정");

  private final List<Vertx> started = new ArrayList<>();
  private final Vertx vertx = vertx();
  private final Path outputs = TestServer.tempDir("runs-pipeline");
  private int port;
  private WebClient client;

  @AfterEach
  void stop() {
    TestWaits.close(started, TestWaits.CLOSE_MS);
  }

  @Test
  void aRunDrawsAndNarratesFivePagesStreamedInOrderToEverySubscriber() throws Exception {
    FakeComfyUi comfy = TestWaits.await(new FakeComfyUi(vertx, 4).start());
    start(vertx, comfy.url(), true);
    String runId = create(INPUTS);
    var streams = List.of(RunsSseClient.read(vertx, port, runId, "0", e -> { }),
        RunsSseClient.read(vertx, port, runId, "0", e -> { }), RunsSseClient.read(vertx, port, runId, "0", e -> { }));
    List<RunsSseClient.Event> events = TestWaits.await(streams.get(0)).events();
    assertEquals(events, TestWaits.await(streams.get(1)).events(), "every subscriber sees the same sequence");
    assertEquals(events, TestWaits.await(streams.get(2)).events(), "every subscriber sees the same sequence");
    assertStreamedInOrder(events);

    JsonObject run = TestWaits.await(client.get("/api/runs/" + runId).send()).bodyAsJsonObject();
    assertEquals("DONE", run.getString("status"), run.encode());
    assertNotNull(run.getString("title"));
    for (Object o : run.getJsonArray("pages")) {
      JsonObject page = (JsonObject) o;
      assertEquals("comfyui", page.getString("image_kind"));
      assertFalse(page.getString("text").isBlank());
      assertEquals(200, TestWaits.await(client.get(page.getString("image_url")).send()).statusCode());
      assertEquals(200, TestWaits.await(client.get(page.getString("audio_url")).send()).statusCode());
    }
    assertFilesDecode(outputs.resolve(runId), 5, 5);

    assertEquals(5, comfy.workflows().size());
    long seed = comfy.workflows().get(0).getJsonObject("3").getJsonObject("inputs").getLong("seed");
    for (JsonObject workflow : comfy.workflows()) {
      assertEquals(seed, workflow.getJsonObject("3").getJsonObject("inputs").getLong("seed"), "one seed per run");
      assertTrue(workflow.getJsonObject("6").getJsonObject("inputs").getString("text")
          .startsWith("watercolor painting, children's book illustration, "));
    }

    int seen = events.size() / 2;
    List<RunsSseClient.Event> replay = TestWaits.await(RunsSseClient.read(vertx, port, runId,
        Long.toString(events.get(seen - 1).id()), e -> { })).events();
    assertEquals(events.subList(seen, events.size()), replay, "Last-Event-ID replays exactly what was missed");
    RunsSseClient.Stream finished = TestWaits.await(RunsSseClient.read(vertx, port, runId,
        Long.toString(events.get(events.size() - 1).id()), e -> { }));
    assertEquals(204, finished.status(), "a client with the last event of a final run is told to stop reconnecting");
  }

  @Test
  void comfyUiDownFailsTheRunAtTheCoverSayingWhy() {
    HttpServer probe = TestWaits.await(vertx.createHttpServer().requestHandler(r -> { }).listen(0, "127.0.0.1"));
    TestWaits.await(probe.close());
    start(vertx, "http://127.0.0.1:" + probe.actualPort(), false);
    String runId = create(INPUTS.copy().put("tts_enabled", false));
    List<RunsSseClient.Event> events = TestWaits.await(RunsSseClient.read(vertx, port, runId, null, e -> { })).events();
    JsonObject last = events.get(events.size() - 1).data();
    assertEquals("FAILED", last.getString("status"));
    JsonObject error = TestWaits.await(client.get("/api/runs/" + runId).send()).bodyAsJsonObject().getJsonObject("error");
    assertEquals("COVER", error.getString("stage"));
    assertEquals("COMFYUI_FAILURE", error.getString("code"));
    assertTrue(error.getString("message").contains("refused the connection"), error.getString("message"));
    assertEquals(error, last.getJsonObject("error"));
  }

  @Test
  void cancellingMidRunStopsComfyUiAndKeepsWhatWasMade() {
    FakeComfyUi comfy = TestWaits.await(new FakeComfyUi(vertx, 4).start()).mode(FakeComfyUi.Mode.HANG);
    start(vertx, comfy.url(), true);
    String runId = create(INPUTS);
    AtomicBoolean cancelled = new AtomicBoolean();
    RunsSseClient.Stream stream = TestWaits.await(RunsSseClient.read(vertx, port, runId, null, e -> {
      JsonObject d = e.data();
      if ("COVER".equals(d.getString("stage")) && d.getJsonObject("progress").getInteger("step") >= 1
          && d.getInteger("ready_max_audio_page") >= 0 && !cancelled.getAndSet(true)) {
        client.post("/api/runs/" + runId + "/cancel").send();
      }
    }));
    List<RunsSseClient.Event> events = stream.events();
    assertTrue(stream.comments() >= 3, "keepalive comments every sse.keepaliveMs: " + stream.comments());
    assertEquals("CANCELLED", events.get(events.size() - 1).data().getString("status"));
    JsonObject run = TestWaits.await(client.get("/api/runs/" + runId).send()).bodyAsJsonObject();
    assertEquals("CANCELLED", run.getString("status"));
    assertNotNull(run.getJsonArray("pages").getJsonObject(0).getString("audio_url"), "narration made so far is kept");
    assertTrue(Files.exists(outputs.resolve(runId).resolve("story.json")));
    assertTrue(Files.exists(outputs.resolve(runId).resolve("page_0.wav")));
    assertFalse(Files.exists(outputs.resolve(runId).resolve("cover.png")));
    assertEquals(409, TestWaits.await(client.post("/api/runs/" + runId + "/cancel").send()).statusCode());
    TestWaits.await(vertx.timer(500));
    assertEquals(1, comfy.interrupts().size(), "the picture being drawn was interrupted");
    assertEquals(4, comfy.deleted().size(), "the four queued behind it were taken off ComfyUI's queue");
  }

  @Test
  void aRestartResumesTheRunWithoutRedrawingFinishedPages() throws Exception {
    FakeComfyUi comfy = TestWaits.await(new FakeComfyUi(vertx, 4).start());
    Vertx first = vertx();
    start(first, comfy.url(), false);
    String runId = create(INPUTS.copy().put("tts_enabled", false));
    Promise<Void> crashed = Promise.promise();
    AtomicBoolean stopping = new AtomicBoolean();
    RunsSseClient.read(vertx, port, runId, null, e -> {
      if (e.data().getInteger("ready_max_page") >= 1 && !stopping.getAndSet(true)) {
        first.close().onComplete(crashed);
      }
    });
    TestWaits.await(crashed.future());
    started.remove(first);
    Path dir = outputs.resolve(runId);
    JsonObject saved = new JsonObject(Files.readString(dir.resolve("run.json")));
    assertEquals("RUNNING", saved.getString("status"), "the run was interrupted mid-way");
    List<String> drawn;
    try (var files = Files.list(dir)) {
      drawn = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
    }
    long coverTime = Files.getLastModifiedTime(dir.resolve("cover.png")).toMillis();
    long storyTime = Files.getLastModifiedTime(dir.resolve("story.json")).toMillis();

    Vertx second = vertx();
    start(second, comfy.url(), false);
    List<RunsSseClient.Event> events = TestWaits.await(RunsSseClient.read(second, port, runId, null, e -> { })).events();
    assertEquals("DONE", events.get(events.size() - 1).data().getString("status"));
    Story story = new StoryParser(false).parse(Files.readString(dir.resolve("story.json")));
    for (int i = 0; i < 5; i++) {
      int page = i;
      String prompt = "watercolor painting, children's book illustration, " + story.imagePrompt(page);
      long submitted = comfy.workflows().stream()
          .filter(w -> prompt.equals(w.getJsonObject("6").getJsonObject("inputs").getString("text"))).count();
      long pagesWithThisPrompt = IntStream.range(0, 5).filter(p -> story.imagePrompt(p).equals(story.imagePrompt(page)))
          .count();
      boolean wasDrawn = drawn.contains(page == 0 ? "cover.png" : "panel_" + page + ".png");
      assertTrue(wasDrawn ? submitted <= pagesWithThisPrompt : submitted >= 1,
          "page " + page + " drawn " + submitted + " times");
    }
    assertTrue(drawn.containsAll(List.of("cover.png", "panel_1.png")), drawn.toString());
    assertEquals(coverTime, Files.getLastModifiedTime(dir.resolve("cover.png")).toMillis());
    assertEquals(storyTime, Files.getLastModifiedTime(dir.resolve("story.json")).toMillis(), "story reused");
    assertFilesDecode(dir, 5, 0);
  }

  /**
   * Two runs at once share ComfyUI's queue: the second run's cover waits behind the first run's five pictures,
   * far longer than one picture's {@code comfyui.timeoutMs}, and still every picture of both is drawn.
   */
  @Test
  void twoRunsAtOnceShareComfyUisQueueAndNeitherTimesOut() {
    FakeComfyUi comfy = TestWaits.await(new FakeComfyUi(vertx, 4).nodeMs(160).start());
    start(vertx, comfy.url(), false, new JsonObject().put("comfyui", new JsonObject().put("timeoutMs", 3000))
        .put("story", new JsonObject().put("maxConcurrentRuns", 2)));
    List<String> runs = List.of(create(INPUTS.copy().put("tts_enabled", false)),
        create(INPUTS.copy().put("tts_enabled", false)));
    long started = System.nanoTime();
    for (String runId : runs) {
      TestWaits.await(RunsSseClient.read(vertx, port, runId, null, e -> { }));
      JsonObject run = TestWaits.await(client.get("/api/runs/" + runId).send()).bodyAsJsonObject();
      assertEquals("DONE", run.getString("status"), run.encode());
    }
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertEquals(10, comfy.workflows().size(), "ten pictures, each queued once");
    assertTrue(tookMs > 3000 + 5000, "the last cover waited " + tookMs + " ms, past one timeout and its margin");
  }

  @Test
  void withoutComfyUiPagesAreIllustrationCards() throws Exception {
    start(vertx, "", false);
    String runId = create(INPUTS.copy().put("tts_enabled", false));
    TestWaits.await(RunsSseClient.read(vertx, port, runId, null, e -> { }));
    JsonObject run = TestWaits.await(client.get("/api/runs/" + runId).send()).bodyAsJsonObject();
    assertEquals("DONE", run.getString("status"));
    assertEquals(-1, run.getInteger("ready_max_audio_page"));
    for (Object o : run.getJsonArray("pages")) {
      assertEquals("card", ((JsonObject) o).getString("image_kind"));
      assertEquals(null, ((JsonObject) o).getValue("audio_url"));
    }
    assertFilesDecode(outputs.resolve(runId), 5, 0);
  }

  @Test
  void aStoryThatIsNotKoreanIsRetriedTwiceThenFailsAtTheLlm() {
    // stories260K writes English (or blanks), never a Korean title and texts
    start(vertx, "", false, new JsonObject().put("story", new JsonObject().put("requireKorean", true)));
    String runId = create(INPUTS.copy().put("tts_enabled", false));
    TestWaits.await(RunsSseClient.read(vertx, port, runId, null, e -> { }));
    JsonObject run = TestWaits.await(client.get("/api/runs/" + runId).send()).bodyAsJsonObject();
    assertEquals("FAILED", run.getString("status"));
    JsonObject error = run.getJsonObject("error");
    assertEquals("LLM", error.getString("stage"));
    assertEquals("LLM_FAILURE", error.getString("code"));
    assertTrue(error.getString("message").startsWith("no usable story after 3 attempts: "), error.encode());
  }

  private static void assertStreamedInOrder(List<RunsSseClient.Event> events) {
    List<String> stages = new ArrayList<>();
    int readyPage = -1;
    int readyAudio = -1;
    boolean progress = false;
    for (int i = 0; i < events.size(); i++) {
      RunsSseClient.Event e = events.get(i);
      assertEquals(i + 1, e.id(), "ids count 1, 2, …");
      assertEquals("update", e.name());
      String stage = e.data().getString("stage");
      if (stage != null && !stage.equals("TTS") && !stages.contains(stage)) {
        stages.add(stage);
      }
      assertTrue(e.data().getInteger("ready_max_page") >= readyPage, "ready_max_page only grows");
      assertTrue(e.data().getInteger("ready_max_audio_page") >= readyAudio, "ready_max_audio_page only grows");
      readyPage = e.data().getInteger("ready_max_page");
      readyAudio = e.data().getInteger("ready_max_audio_page");
      progress |= e.data().getJsonObject("progress").getInteger("step") > 0 && stage != null && stage.startsWith("P");
    }
    assertEquals(List.of("LLM", "COVER", "PANEL_1", "PANEL_2", "PANEL_3", "PANEL_4"), stages);
    assertEquals(4, readyPage);
    assertEquals(4, readyAudio);
    assertTrue(progress, "ComfyUI's sampler steps reach the stream");
    assertEquals("QUEUED", events.get(0).data().getString("status"));
    assertEquals("DONE", events.get(events.size() - 1).data().getString("status"));
  }

  private static void assertFilesDecode(Path dir, int images, int sounds) throws Exception {
    for (int page = 0; page < images; page++) {
      File png = dir.resolve(page == 0 ? "cover.png" : "panel_" + page + ".png").toFile();
      assertNotNull(ImageIO.read(png), png + " is a PNG");
    }
    for (int page = 0; page < sounds; page++) {
      try (AudioInputStream in = AudioSystem.getAudioInputStream(dir.resolve("page_" + page + ".wav").toFile())) {
        assertTrue(in.getFrameLength() > 1000, "page " + page + " narration has sound");
      }
    }
  }

  private String create(JsonObject inputs) {
    var r = TestWaits.await(client.post("/api/runs").sendJsonObject(inputs));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("run_id");
  }

  private void start(Vertx on, String comfyUiUrl, boolean tts) {
    start(on, comfyUiUrl, tts, new JsonObject());
  }

  private void start(Vertx on, String comfyUiUrl, boolean tts, JsonObject extra) {
    JsonObject overrides = new JsonObject()
        .put("shutdown", new JsonObject().put("graceMs", 100))
        .put("outputs", new JsonObject().put("dir", outputs.toString()))
        .put("llm", new JsonObject().put("model", TestData.model("stories260Ktok512.gguf").toString())
            .put("threads", 1).put("contextSize", 8192))
        .put("comfyui", new JsonObject().put("url", comfyUiUrl).put("timeoutMs", 30000))
        .put("tts", new JsonObject().put("engine", tts ? "espeak" : "none"))
        .put("story", new JsonObject().put("requireKorean", false))
        .put("sse", new JsonObject().put("keepaliveMs", 100));
    port = TestWaits.await(TestServer.start(on, overrides.mergeIn(extra, true)));
    client = TestServer.client(on, port);
  }

  private Vertx vertx() {
    Vertx v = Vertx.vertx();
    started.add(v);
    return v;
  }
}
