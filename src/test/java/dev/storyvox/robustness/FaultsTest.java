package dev.storyvox.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.illustration.FakeComfyUi;
import dev.storyvox.robustness.BrokenUpstream.Fault;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * External services misbehaving (ComfyUI, RunPod, the OpenAI-compatible LLM, the disk): each ends in a
 * clear error naming what went wrong, never a 500 INTERNAL_ERROR, and leaves every state file parseable.
 */
@Tag("robustness")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultsTest {

  private static final JsonObject INPUTS = new JsonObject().put("era_ko", "현대").put("place_ko", "숲")
      .put("characters_ko", "토끼").put("topic_ko", "우정").put("tts_enabled", false);
  private static final Set<String> FINAL = Set.of("DONE", "FAILED", "CANCELLED", "COMPLETED");

  private Vertx vertx = Vertx.vertx();
  private JsonObject config;
  private final Path outputs = TestServer.tempDir("faults-outputs");
  private WebClient client;

  @AfterEach
  void stop() {
    TestWaits.close(vertx);
  }

  @Test
  void aComfyUiThatHangsFailsTheCoverNamingTheTimeout() throws Exception {
    FakeComfyUi comfy = TestWaits.await(new FakeComfyUi(vertx, 4).start()).mode(FakeComfyUi.Mode.HANG);
    start(new JsonObject().put("comfyui", new JsonObject().put("url", comfy.url()).put("timeoutMs", 1500)));
    long began = System.currentTimeMillis();
    JsonObject error = failedRun(createRun());
    long took = System.currentTimeMillis() - began;
    assertEquals("COVER", error.getString("stage"), error.encode());
    assertTrue(Set.of("TIMEOUT", "COMFYUI_FAILURE").contains(error.getString("code")), error.encode());
    assertTrue(error.getString("message").contains("comfyui.timeoutMs"), error.encode());
    assertTrue(took < 15_000, "failed " + took + " ms after the run was created");
    assertStateFilesParse();
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"RESET", "NOT_JSON", "WRONG_SHAPE"})
  void aComfyUiThatMisbehavesFailsTheCoverSayingWhatWasWrong(Fault fault) throws Exception {
    BrokenUpstream comfy = TestWaits.await(new BrokenUpstream(fault).start(vertx));
    start(new JsonObject().put("comfyui", new JsonObject().put("url", comfy.url("")).put("timeoutMs", 10_000)));
    JsonObject error = failedRun(createRun());
    assertEquals("COVER", error.getString("stage"), error.encode());
    assertEquals("COMFYUI_FAILURE", error.getString("code"), error.encode());
    String says = switch (fault) {
      case RESET -> "did not answer POST /prompt";
      case NOT_JSON -> "answered POST /prompt with something that is not a JSON object";
      default -> "answered POST /prompt without a prompt_id";
    };
    assertTrue(error.getString("message").contains(says), error.encode());
    assertStateFilesParse();
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void aRunPodThatMisbehavesAnswersSttFailureInTheImymeEnvelope(Fault fault) {
    BrokenUpstream runpod = TestWaits.await(new BrokenUpstream(fault).start(vertx));
    start(new JsonObject().put("stt", new JsonObject().put("backend", "runpod"))
        .put("runpod", new JsonObject().put("baseUrl", runpod.url("/v2")).put("endpointId", "ep-broken")
            .put("apiKey", "rp-key").put("pollMs", 50).put("timeoutMs", 1500).put("retries", 1)
            .put("retryBackoffMs", 10)));
    long began = System.currentTimeMillis();
    HttpResponse<Buffer> r = TestWaits.await(client.post("/api/v1/transcriptions").sendJsonObject(new JsonObject()
        .put("audioUrl", "https://audio.example/lecture.wav").put("language", "ko")));
    long took = System.currentTimeMillis() - began;
    assertNull(ErrorShapes.problem("/api/v1/transcriptions", r.statusCode(), r.body()), r.bodyAsString());
    JsonObject error = r.bodyAsJsonObject().getJsonObject("error");
    assertTrue(Set.of("STT_FAILURE", "TIMEOUT").contains(error.getString("code")), r.bodyAsString());
    String says = switch (fault) {
      case RESET, SILENT -> "RunPod run failed: ";
      default -> "RunPod run answered something that is not a job status";
    };
    assertTrue(error.getString("message").contains(says), r.bodyAsString());
    assertTrue(took < 10_000, "answered after " + took + " ms");
    assertTrue(runpod.connections() > 0, "RunPod was called");
    assertEquals(200, TestWaits.await(client.get("/health").send()).statusCode());
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"NOT_JSON", "WRONG_SHAPE"})
  void anLlmServerAnsweringGarbageFailsGradingAndTheStoryAtTheLlm(Fault fault) throws Exception {
    BrokenUpstream llm = TestWaits.await(new BrokenUpstream(fault).start(vertx));
    start(new JsonObject().put("llm", new JsonObject().put("backend", "openai").put("openai", new JsonObject()
        .put("baseUrl", llm.url("/v1")).put("apiKey", "sk-test").put("model", "broken"))));
    HttpResponse<Buffer> submitted = TestWaits.await(client.post("/api/v1/solo/submissions").sendJsonObject(new JsonObject()
        .put("attemptId", 41).put("userText", "프로세스는 실행 중인 프로그램이고 독립된 메모리를 가집니다.")
        .put("criteria", new JsonObject().put("keyword", "Process").put("modelAnswer", "프로세스는 실행 중인 프로그램입니다.")))
        );
    assertEquals(202, submitted.statusCode(), submitted.bodyAsString());
    JsonObject solo = poll("/api/v1/solo/submissions/41",
        r -> FINAL.contains(r.getJsonObject("data").getString("status")) ? r.getJsonObject("data") : null);
    assertEquals("FAILED", solo.getString("status"), solo.encode());
    assertEquals("LLM_FAILURE", solo.getJsonObject("error").getString("code"), solo.encode());

    JsonObject error = failedRun(createRun());
    assertEquals("LLM", error.getString("stage"), error.encode());
    assertEquals("LLM_FAILURE", error.getString("code"), error.encode());
    String says = fault == Fault.NOT_JSON ? "it is not JSON" : "it has no choices[0].message";
    assertTrue(error.getString("message").endsWith("is not a chat completion: " + says), error.encode());
    assertTrue(llm.connections() >= 2, "the LLM server was asked: " + llm.connections());
    assertStateFilesParse();
  }

  /**
   * Simulates a disk that refuses writes to one run. Tests run as root, where {@code chmod} does not stop
   * writes, so the run's folder is moved aside and a regular file put in its place: every later
   * {@code mkdirs} and write for that run fails as on a read-only or failed mount. The folder is put back
   * afterwards, and the server restarted on it: a write in flight when the folder vanished may have left its
   * temp file there, as a killed process would; the restart removes it and finishes the run.
   */
  @Test
  void aRunFolderThatRefusesWritesLeavesTheServerServingAndTheSavedStateIntact() throws Exception {
    FakeComfyUi comfy = TestWaits.await(new FakeComfyUi(vertx, 4).start()).mode(FakeComfyUi.Mode.HANG);
    start(new JsonObject().put("comfyui", new JsonObject().put("url", comfy.url()).put("timeoutMs", 30_000)));
    String runId = createRun();
    poll("/api/runs/" + runId, r -> "COVER".equals(r.getString("stage")) && r.getJsonObject("progress") != null
        && r.getJsonObject("progress").getInteger("step", 0) >= 1 ? r : null);
    Path dir = outputs.resolve(runId);
    Path aside = TestServer.tempDir("faults-aside").resolve(runId);
    Files.move(dir, aside);
    Files.writeString(dir, "a file where the run folder was");

    HttpResponse<Buffer> cancel = TestWaits.await(client.post("/api/runs/" + runId + "/cancel").send());
    assertNull(ErrorShapes.problem("/api/runs/" + runId + "/cancel", cancel.statusCode(), cancel.body()));
    assertEquals(503, cancel.statusCode(), "the cancel is not acknowledged: " + cancel.bodyAsString());
    assertEquals("UNAVAILABLE", cancel.bodyAsJsonObject().getJsonObject("error").getString("code"));
    assertTrue(cancel.bodyAsString().contains("could not be saved"), cancel.bodyAsString());
    assertEquals(200, TestWaits.await(client.get("/api/runs/" + runId).send()).statusCode());
    assertEquals(200, TestWaits.await(client.get("/health").send()).statusCode());
    comfy.mode(FakeComfyUi.Mode.SUCCESS);
    String other = createRun();
    assertEquals("DONE", poll("/api/runs/" + other, r -> FINAL.contains(r.getString("status")) ? r : null)
        .getString("status"), "another run is served meanwhile");

    Files.delete(dir);
    Files.move(aside, dir);
    TestWaits.close(vertx);
    vertx = Vertx.vertx();
    comfy = TestWaits.await(new FakeComfyUi(vertx, 4).start());
    start(config.put("comfyui", config.getJsonObject("comfyui").copy().put("url", comfy.url())));
    JsonObject resumed = poll("/api/runs/" + runId, r -> FINAL.contains(r.getString("status")) ? r : null);
    assertEquals("DONE", resumed.getString("status"), "the run is resumed once its folder is back: " + resumed.encode());
    assertStateFilesParse();
    JsonObject saved = new JsonObject(Files.readString(dir.resolve("run.json")));
    assertEquals(runId, saved.getString("run_id"), saved.encode());
  }

  /**
   * As above, for solo submissions: their folder is replaced by a regular file, so the first post cannot be
   * stored; the client is told so and its retry succeeds once the folder can be made again.
   */
  @Test
  void aSubmissionTheDiskRefusesIsNotAcknowledged() throws Exception {
    start(new JsonObject());
    Path solo = outputs.resolve("solo");
    if (Files.isDirectory(solo)) {
      Files.delete(solo);
    }
    Files.writeString(solo, "a file where the solo folder was");
    JsonObject body = new JsonObject().put("attemptId", 42).put("userText", "몰라요")
        .put("criteria", new JsonObject().put("keyword", "Process").put("modelAnswer", "프로세스는 프로그램입니다."));
    HttpResponse<Buffer> r = TestWaits.await(client.post("/api/v1/solo/submissions").sendJsonObject(body));
    assertNull(ErrorShapes.problem("/api/v1/solo/submissions", r.statusCode(), r.body()), r.bodyAsString());
    assertEquals("UNAVAILABLE", r.bodyAsJsonObject().getJsonObject("error").getString("code"), r.bodyAsString());
    assertEquals(404, TestWaits.await(client.get("/api/v1/solo/submissions/42").send()).statusCode(), "nothing half-kept");
    assertEquals(200, TestWaits.await(client.get("/health").send()).statusCode());

    Files.delete(solo);
    r = TestWaits.await(client.post("/api/v1/solo/submissions").sendJsonObject(body));
    assertEquals(202, r.statusCode(), "the client's retry is taken once the disk is back: " + r.bodyAsString());
    assertTrue(Files.exists(solo.resolve("42.json")), "stored before it was acknowledged");
  }

  private void start(JsonObject overrides) {
    config = new JsonObject()
        .put("shutdown", new JsonObject().put("graceMs", 100))
        .put("outputs", new JsonObject().put("dir", outputs.toString()))
        .put("llm", new JsonObject().put("model", TestData.model("stories260Ktok512.gguf").toString())
            .put("threads", 1).put("contextSize", 8192))
        .put("tts", new JsonObject().put("engine", "none"))
        .put("story", new JsonObject().put("requireKorean", false))
        .put("stt", new JsonObject().put("model", "/nonexistent/whisper.bin"));
    int port = TestWaits.await(TestServer.start(vertx, config.mergeIn(overrides, true)));
    client = TestServer.client(vertx, port);
  }

  private String createRun() {
    HttpResponse<Buffer> r = TestWaits.await(client.post("/api/runs").sendJsonObject(INPUTS));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("run_id");
  }

  /** The error of run {@code runId} once it has failed. */
  private JsonObject failedRun(String runId) {
    JsonObject run = poll("/api/runs/" + runId, r -> FINAL.contains(r.getString("status")) ? r : null);
    assertEquals("FAILED", run.getString("status"), run.encode());
    assertTrue(!"INTERNAL_ERROR".equals(run.getJsonObject("error").getString("code")), run.encode());
    return run.getJsonObject("error");
  }

  /** Polls {@code path} every 100 ms until {@code pick} answers something; fails after 25 s. */
  private JsonObject poll(String path, Function<JsonObject, JsonObject> pick) {
    long deadline = System.currentTimeMillis() + 25_000;
    String last = null;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<Buffer> r = TestWaits.await(client.get(path).send());
      JsonObject picked = r.statusCode() == 200 ? pick.apply(r.bodyAsJsonObject()) : null;
      if (picked != null) {
        return picked;
      }
      last = r.bodyAsString();
      TestWaits.await(vertx.timer(100));
    }
    throw new AssertionError(path + " did not reach the awaited state within 25 s; last answer: " + last);
  }

  private void assertStateFilesParse() throws Exception {
    try (Stream<Path> files = Files.walk(outputs)) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      for (Path file : all) {
        String name = file.getFileName().toString();
        assertTrue(!name.endsWith(".tmp"), "half-written file left: " + file);
        if (name.endsWith(".json")) {
          new JsonObject(Files.readString(file));
        }
      }
    }
  }
}
