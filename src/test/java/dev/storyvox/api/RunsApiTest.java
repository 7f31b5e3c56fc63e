package dev.storyvox.api;

import static dev.storyvox.api.HttpVerticleTest.assertPlainError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.story.Run;
import dev.storyvox.story.RunInputs;
import dev.storyvox.story.RunJson;
import dev.storyvox.story.RunPage;
import dev.storyvox.story.RunProgress;
import dev.storyvox.story.RunStatus;
import dev.storyvox.story.RunUpdate;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The storybook routes around a run's life: validation, reading and listing stored runs, cancelling,
 * the queue limit, event streams of final runs, and serving files (ETag, ranges, traversal).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunsApiTest {

  private static final String OLD = "20260122_130741_a3f2c1";
  private static final String NEW = "20260122_140000_0000ff";
  private static final RunInputs INPUTS = new RunInputs("현대", "숲", "토끼", "우정", true);

  private final Vertx vertx = Vertx.vertx();
  private final Path outputs = TestServer.tempDir("runs-api");
  private final byte[] wav = new byte[1000];
  private HttpServer silentComfyUi;
  private WebClient client;

  @BeforeEach
  void start() throws IOException {
    Arrays.fill(wav, (byte) 7);
    wav[999] = 9;
    store(done(OLD), List.of(RunJson.event(done(OLD))));
    Files.write(outputs.resolve(OLD).resolve("cover.png"), new byte[] {1, 2, 3});
    Files.write(outputs.resolve(OLD).resolve("page_0.wav"), wav);
    Run failed = done(NEW).withStatus(RunStatus.FAILED);
    store(failed, List.of(RunJson.event(failed)));
    silentComfyUi = TestWaits.await(vertx.createHttpServer().requestHandler(request -> { }).listen(0, "127.0.0.1"));
    JsonObject overrides = new JsonObject()
        .put("outputs", new JsonObject().put("dir", outputs.toString()).put("keep", 100))
        .put("llm", new JsonObject().put("model", TestData.model("stories260Ktok512.gguf").toString())
            .put("threads", 1).put("contextSize", 8192))
        .put("comfyui", new JsonObject().put("url", "http://127.0.0.1:" + silentComfyUi.actualPort())
            .put("timeoutMs", 60000))
        .put("story", new JsonObject().put("maxConcurrentRuns", 1).put("maxQueuedRuns", 1).put("requireKorean", false));
    client = TestServer.client(vertx, TestWaits.await(TestServer.start(vertx, overrides)));
  }

  @AfterEach
  void stop() {
    TestWaits.close(vertx);
  }

  @Test
  void eachAnswerMustBePresentNotBlankAndAtMost100Characters() {
    JsonObject good = INPUTS.toJson();
    assertBadField(good.copy().put("era_ko", "   "), "era_ko");
    assertBadField(good.copy().put("place_ko", "숲".repeat(101)), "place_ko");
    JsonObject missing = good.copy();
    missing.remove("topic_ko");
    assertBadField(missing, "topic_ko");
  }

  @Test
  void unknownOrMalformedRunsAre404() {
    assertPlainError(TestWaits.await(client.get("/api/runs/20990101_000000_000000").send()), 404, "NOT_FOUND");
    assertPlainError(TestWaits.await(client.get("/api/runs/not-a-run").send()), 404, "NOT_FOUND");
    assertPlainError(TestWaits.await(client.post("/api/runs/20990101_000000_000000/cancel").send()), 404, "NOT_FOUND");
  }

  @Test
  void storedRunsAreListedNewestFirstPageByPage() {
    JsonObject first = TestWaits.await(client.get("/api/runs?limit=1").send()).bodyAsJsonObject();
    assertEquals(NEW, first.getJsonArray("runs").getJsonObject(0).getString("run_id"));
    assertEquals(NEW, first.getString("next_before"));
    JsonObject second = TestWaits.await(client.get("/api/runs?limit=1&before=" + NEW).send()).bodyAsJsonObject();
    assertEquals(OLD, second.getJsonArray("runs").getJsonObject(0).getString("run_id"));
    assertNull(second.getValue("next_before"));
    JsonObject run = TestWaits.await(client.get("/api/runs/" + OLD).send()).bodyAsJsonObject();
    assertEquals("DONE", run.getString("status"));
    assertEquals(5, run.getJsonArray("pages").size());
    assertEquals("/api/runs/" + OLD + "/audio/page_0.wav",
        run.getJsonArray("pages").getJsonObject(0).getString("audio_url"));
  }

  @Test
  void aFinalRunCannotBeCancelledAndItsStreamEndsAtOnce() {
    HttpResponse<Buffer> r = TestWaits.await(client.post("/api/runs/" + OLD + "/cancel").send());
    assertPlainError(r, 409, "INVALID_REQUEST");
    assertTrue(r.bodyAsJsonObject().getJsonObject("error").getString("message").contains("already DONE"));
    RunsSseClient.Stream stream = TestWaits.await(RunsSseClient.read(vertx, port(), OLD, null, e -> { }));
    assertEquals(200, stream.status());
    assertTrue(stream.contentType().startsWith("text/event-stream"));
    assertEquals(1, stream.events().size());
    assertEquals("update", stream.events().get(0).name());
    assertEquals("DONE", stream.events().get(0).data().getString("status"));
    RunsSseClient.Stream upToDate = TestWaits.await(RunsSseClient.read(vertx, port(), OLD, "1", e -> { }));
    assertEquals(204, upToDate.status(), "a client that saw the final event is told to stop reconnecting");
    assertEquals(List.of(), upToDate.events(), "a client that saw the final event gets nothing more");
    RunsSseClient.Stream ahead = TestWaits.await(RunsSseClient.read(vertx, port(), OLD, "0", e -> { }));
    assertEquals(200, ahead.status(), "a client that missed the final event gets it");
    assertEquals(List.of(1L), ahead.events().stream().map(RunsSseClient.Event::id).toList());
  }

  @Test
  void oneRunsAtOnceOneWaitsAndMoreAreBusyUntilCancelled() {
    String running = create().bodyAsJsonObject().getString("run_id");
    HttpResponse<Buffer> second = create();
    assertEquals(201, second.statusCode());
    assertEquals("/api/runs/" + second.bodyAsJsonObject().getString("run_id"), second.getHeader("location"));
    assertPlainError(create(), 429, "BUSY");
    String queued = second.bodyAsJsonObject().getString("run_id");
    assertEquals("QUEUED", TestWaits.await(client.get("/api/runs/" + queued).send()).bodyAsJsonObject().getString("status"));
    for (String id : List.of(queued, running)) {
      JsonObject cancelled = TestWaits.await(client.post("/api/runs/" + id + "/cancel").send()).bodyAsJsonObject();
      assertEquals("CANCELLED", cancelled.getString("status"), cancelled.encode());
    }
    assertEquals(201, create().statusCode(), "cancelling frees the queue");
  }

  @Test
  void imagesHaveAnETagAndAudioServesByteRanges() {
    HttpResponse<Buffer> image = TestWaits.await(client.get("/api/runs/" + OLD + "/images/cover.png").send());
    assertEquals(200, image.statusCode());
    assertEquals("image/png", image.getHeader("content-type"));
    assertArrayEquals(new byte[] {1, 2, 3}, image.bodyAsBuffer().getBytes());
    String etag = image.getHeader("etag");
    assertNotNull(etag);
    assertEquals(304, TestWaits.await(client.get("/api/runs/" + OLD + "/images/cover.png").putHeader("If-None-Match", etag)
        .send()).statusCode());
    assertPlainError(TestWaits.await(client.get("/api/runs/" + OLD + "/images/panel_3.png").send()), 404, "NOT_FOUND");

    String audio = "/api/runs/" + OLD + "/audio/page_0.wav";
    HttpResponse<Buffer> whole = TestWaits.await(client.get(audio).send());
    assertEquals(200, whole.statusCode());
    assertEquals("audio/wav", whole.getHeader("content-type"));
    assertEquals("bytes", whole.getHeader("accept-ranges"));
    assertArrayEquals(wav, whole.bodyAsBuffer().getBytes());
    HttpResponse<Buffer> tail = TestWaits.await(client.get(audio).putHeader("Range", "bytes=990-").send());
    assertEquals(206, tail.statusCode());
    assertEquals("bytes 990-999/1000", tail.getHeader("content-range"));
    assertArrayEquals(Arrays.copyOfRange(wav, 990, 1000), tail.bodyAsBuffer().getBytes());
    HttpResponse<Buffer> suffix = TestWaits.await(client.get(audio).putHeader("Range", "bytes=-1").send());
    assertEquals("bytes 999-999/1000", suffix.getHeader("content-range"));
    assertEquals(9, suffix.bodyAsBuffer().getByte(0));
    HttpResponse<Buffer> beyond = TestWaits.await(client.get(audio).putHeader("Range", "bytes=1000-").send());
    assertEquals(416, beyond.statusCode());
    assertEquals("bytes */1000", beyond.getHeader("content-range"));
  }

  @Test
  void everyWayOutOfARunFolderIs400() {
    List<String> attempts = List.of("..%2Frun.json", "%2e%2e%2frun.json", "%2E%2E/%2E%2E/etc/passwd",
        "%252e%252e%252frun.json", "..%5crun.json", "cover.png%00.png", "..", "a/../cover.png", "..\\run.json",
        "story.json", "run.json", "cover.PNG", "panel_5.png", "page_0.wav", "%63over.png", "sub/cover.png");
    List<String> wrong = new ArrayList<>();
    for (String name : attempts) {
      HttpResponse<Buffer> r = TestWaits.await(vertx.createHttpClient()
          .request(io.vertx.core.http.HttpMethod.GET, port(), "127.0.0.1", "/api/runs/" + OLD + "/images/" + name)
          .compose(req -> req.send()).compose(resp -> resp.body().map(b -> (HttpResponse<Buffer>) null)
              .map(x -> resp.statusCode() == 400 ? null : wrongAnswer(wrong, name, resp.statusCode())))
          );
      assertNull(r);
    }
    assertPlainError(TestWaits.await(client.get("/api/runs/" + OLD + "/audio/..%2F..%2Frun.json").send()), 400,
        "INVALID_REQUEST");
    assertEquals(List.of(), wrong);
  }

  private static HttpResponse<Buffer> wrongAnswer(List<String> wrong, String name, int status) {
    wrong.add(name + " → " + status);
    return null;
  }

  private HttpResponse<Buffer> create() {
    return TestWaits.await(client.post("/api/runs").sendJsonObject(INPUTS.toJson()));
  }

  private void assertBadField(JsonObject body, String field) {
    HttpResponse<Buffer> r = TestWaits.await(client.post("/api/runs").sendJsonObject(body));
    assertPlainError(r, 400, "INVALID_REQUEST");
    assertTrue(r.bodyAsJsonObject().getJsonObject("error").getString("message").contains(field), r.bodyAsString());
  }

  private int port() {
    return (Integer) vertx.sharedData().getLocalMap(HttpVerticle.LOCAL_MAP).get(HttpVerticle.PORT_KEY);
  }

  private static Run done(String runId) {
    List<RunPage> pages = new ArrayList<>();
    for (int i = 0; i < Run.PAGES; i++) {
      pages.add(new RunPage(i, "쪽 " + i, "card", true));
    }
    Instant at = Instant.parse("2026-01-22T13:07:41Z");
    return new Run(runId, RunStatus.DONE, null, "숲속 토끼", INPUTS, pages, RunProgress.NONE, null, at, at, 5, 1);
  }

  private void store(Run run, List<JsonObject> events) throws IOException {
    Path dir = Files.createDirectories(outputs.resolve(run.runId()));
    List<RunUpdate> log = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      log.add(new RunUpdate(i + 1, events.get(i).encode(), run.status().isFinal()));
    }
    Files.writeString(dir.resolve("run.json"), RunJson.file(run, log).encode());
  }

  static JsonArray ids(List<RunsSseClient.Event> events) {
    JsonArray ids = new JsonArray();
    events.forEach(e -> ids.add(e.id()));
    return ids;
  }
}
