package dev.storyvox.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.ServerProcess;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * api and gpu nodes in their own JVMs on loopback: the api node holds no engine and serves transcription,
 * solo grading and a whole storybook run through gpu nodes (one with whisper, one with the LLM); two gpu nodes share the work; a gpu node killed
 * with SIGKILL mid-load leaves no request hanging and the other node keeps serving.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class ClusterTest {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterTest.class);
  private static final String MODEL_TEXT = "This is a tiny random test model";
  private static final Pattern WHISPER_JOB = Pattern.compile("gpu0-whisper-0 takes a job");
  private static final Pattern ENGINE_LOADED = Pattern.compile("runs whisper.cpp|LLM gpu0-llm-0");

  @Test
  void anApiNodeWithoutEnginesServesEverythingThroughGpuNodes() throws Exception {
    Map<String, String> env = Cluster.smallModels();
    env.put("STORYVOX_STORY_REQUIRE_KOREAN", "false");
    try (Cluster cluster = new Cluster(3, env)) {
      Http api = new Http(cluster.startApi(0));
      HttpResponse<String> unready = api.get("/ready");
      assertEquals(503, unready.statusCode(), unready.body());
      JsonObject capabilities = new JsonObject(unready.body()).getJsonObject("capabilities");
      for (String engine : List.of("stt", "llm", "tts")) {
        assertEquals("UNAVAILABLE", capabilities.getJsonObject(engine).getString("state"), unready.body());
      }
      long asked = System.currentTimeMillis();
      HttpResponse<String> noEngine = api.transcribe("ko_forest.wav");
      assertEquals(503, noEngine.statusCode(), noEngine.body());
      assertTrue(System.currentTimeMillis() - asked < 5_000, "no engine anywhere is answered at once");

      ServerProcess gpu = cluster.startGpu(1, Cluster.WHISPER_ONLY);
      cluster.startGpu(2, Cluster.LLM_ONLY);
      JsonObject ready = api.poll("/ready", body -> body.getBoolean("ready") && body.getJsonArray("pools").size() == 5,
          60_000);
      assertEquals(List.of("illustration-cards", "gpu0-llm-0", "gpu0-whisper-0", "tts-espeak", "tts-espeak"),
          ready.getJsonArray("pools").stream().map(p -> ((JsonObject) p).getString("name")).toList(),
          "the api node sees every node's work pools (each /ready gathers them for 300 ms): " + ready.encode());
      HttpResponse<String> transcript = api.transcribe("ko_forest.wav");
      assertEquals(200, transcript.statusCode(), transcript.body());
      assertTrue(new JsonObject(transcript.body()).getString("text").contains(MODEL_TEXT), transcript.body());

      JsonObject submission = new JsonObject().put("attemptId", 7).put("userText", "프로세스는 실행 중인 프로그램입니다.")
          .put("criteria", new JsonObject().put("keyword", "Process").put("modelAnswer", "프로세스란 실행되고 있는 프로그램을 말합니다."));
      assertEquals(202, api.postJson("/api/v1/solo/submissions", submission).statusCode());
      JsonObject graded = api.poll("/api/v1/solo/submissions/7",
          body -> !List.of("PENDING", "PROCESSING").contains(body.getJsonObject("data").getString("status")), 60_000);
      assertEquals("COMPLETED", graded.getJsonObject("data").getString("status"), graded.encode());

      JsonObject inputs = new JsonObject().put("era_ko", "현대").put("place_ko", "숲").put("characters_ko", "토끼")
          .put("topic_ko", "우정");
      HttpResponse<String> created = api.postJson("/api/runs", inputs);
      assertEquals(201, created.statusCode(), created.body());
      String runId = new JsonObject(created.body()).getString("run_id");
      JsonObject run = api.poll("/api/runs/" + runId,
          body -> List.of("DONE", "FAILED", "CANCELLED").contains(body.getString("status")), 90_000);
      assertEquals("DONE", run.getString("status"), run.encode());
      assertEquals(4, run.getInteger("ready_max_audio_page"), run.encode());

      assertTrue(gpu.count(WHISPER_JOB) >= 1, "the gpu node transcribed");
      assertEquals(0, cluster.node(0).count(ENGINE_LOADED), "the api node loaded no engine");
    }
  }

  @Test
  void twoGpuNodesShareTheWorkAndAKilledOneLeavesNoRequestHanging() throws Exception {
    Map<String, String> env = new HashMap<>(Cluster.smallModels());
    env.put("STORYVOX_TTS_ENGINE", "none");
    try (Cluster cluster = new Cluster(3, env)) {
      Http api = new Http(cluster.startApi(0));
      ServerProcess first = cluster.startGpu(1, Cluster.WHISPER_ONLY);
      ServerProcess second = cluster.startGpu(2, Cluster.WHISPER_ONLY);
      api.poll("/ready", body -> "READY".equals(body.getJsonObject("capabilities").getJsonObject("stt")
          .getString("state")), 30_000);
      Thread.sleep(1_000);
      ExecutorService clients = Executors.newFixedThreadPool(8);
      try {
        for (Outcome outcome : transcribeAll(api, clients, 6)) {
          assertEquals(200, outcome.status(), outcome.body());
        }
        assertTrue(first.count(WHISPER_JOB) >= 1 && second.count(WHISPER_JOB) >= 1,
            "both gpu nodes took jobs: " + first.count(WHISPER_JOB) + " and " + second.count(WHISPER_JOB));

        long before = first.count(WHISPER_JOB);
        List<Future<Outcome>> load = submit(api, clients, 8);
        while (first.count(WHISPER_JOB) == before) {
          Thread.sleep(20);
        }
        long killedAt = System.currentTimeMillis();
        first.kill();
        long slowest = 0;
        for (Future<Outcome> pending : load) {
          Outcome outcome = pending.get(60, TimeUnit.SECONDS);
          assertTrue(outcome.status() == 200 || new JsonObject(outcome.body()).containsKey("error"), outcome.body());
          slowest = Math.max(slowest, outcome.finishedAt() - killedAt);
        }
        LOG.info("after the kill every request finished within {} ms", slowest);
        assertTrue(slowest < 30_000, "requests in flight at the kill finished in " + slowest + " ms");
        for (Outcome outcome : transcribeAll(api, clients, 3)) {
          assertEquals(200, outcome.status(), outcome.body());
        }
      } finally {
        clients.shutdownNow();
      }
    }
  }

  private record Outcome(int status, String body, long finishedAt) {
  }

  private static List<Outcome> transcribeAll(Http api, ExecutorService clients, int count) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<Outcome> f : submit(api, clients, count)) {
      outcomes.add(f.get(60, TimeUnit.SECONDS));
    }
    return outcomes;
  }

  private static List<Future<Outcome>> submit(Http api, ExecutorService clients, int count) {
    List<Future<Outcome>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(clients.submit(() -> {
        HttpResponse<String> r = api.transcribe("jfk.wav");
        return new Outcome(r.statusCode(), r.body(), System.currentTimeMillis());
      }));
    }
    return futures;
  }
}
