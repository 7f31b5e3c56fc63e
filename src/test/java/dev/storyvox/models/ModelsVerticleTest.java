package dev.storyvox.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole server on a fresh folder: HTTP answers at once, {@code /ready} shows the download, and the real
 * whisper and llama.cpp engines load their files when they arrive, without a restart.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class ModelsVerticleTest {

  private static final String WHISPER = "tiny-random-whisper.bin";
  private static final String STORIES = "stories260Ktok512.gguf";

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static JsonObject overrides(int port, Path dir, boolean download) {
    Path whisper = dir.resolve(WHISPER);
    Path llm = dir.resolve(STORIES);
    JsonArray files = new JsonArray()
        .add(ModelTestConfig.file(whisper, FakeModelHost.url("ggerganov/whisper.cpp", WHISPER),
            ModelTestConfig.RANDOM_WHISPER_SHA, null, "stt.model"))
        .add(ModelTestConfig.file(llm, FakeModelHost.url("karpathy/tinyllamas", STORIES),
            ModelTestConfig.STORIES_SHA, null, "llm.model"));
    return ModelTestConfig.overrides(port, files, download)
        .put("stt", new JsonObject().put("model", whisper.toString()).put("threads", 1))
        .put("llm", new JsonObject().put("model", llm.toString()).put("contextSize", 128));
  }

  @Test
  void enginesLoadTheFilesWhenTheyArriveWhileReadyShowsTheDownload(Vertx vertx) throws Exception {
    FakeModelHost host = new FakeModelHost(vertx)
        .serve("ggerganov/whisper.cpp", WHISPER, ModelTestConfig.shared(WHISPER), FakeModelHost.Mode.DRIP)
        .serve("karpathy/tinyllamas", STORIES, ModelTestConfig.shared(STORIES), FakeModelHost.Mode.CUT_ONCE);
    int hostPort = await(host.start());
    Path dir = ModelTestConfig.modelsDir();
    int port = await(TestServer.start(vertx, overrides(hostPort, dir, true)));
    WebClient client = TestServer.client(vertx, port);
    List<String> sttReasons = new CopyOnWriteArrayList<>();
    JsonObject ready = null;
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      ready = await(client.get("/ready").send()).bodyAsJsonObject();
      JsonObject stt = ready.getJsonObject("capabilities").getJsonObject("stt");
      sttReasons.add(stt.getString("state") + ": " + stt.getString("reason"));
      if (ready.getJsonObject("capabilities").getJsonObject("llm").getString("state").equals("READY")
          && stt.getString("state").equals("READY")) {
        break;
      }
      Thread.sleep(100);
    }
    JsonObject capabilities = ready.getJsonObject("capabilities");
    assertEquals("READY", capabilities.getJsonObject("stt").getString("state"), sttReasons.toString());
    assertEquals("READY", capabilities.getJsonObject("llm").getString("state"), capabilities.encode());
    assertTrue(sttReasons.stream().anyMatch(r -> r.matches(
        "LOADING: downloading " + WHISPER + " \\d+ % \\(\\d of 8 MB, \\d+ MB/s\\)")), sttReasons.toString());
    assertTrue(Files.isRegularFile(dir.resolve(WHISPER)) && Files.isRegularFile(dir.resolve(STORIES)));
    assertTrue(host.ranges().stream().anyMatch(r -> r.startsWith("bytes=")),
        "the cut gguf was resumed (a slow machine may resume a stalled drip too): " + host.ranges());
    client.close();
    await(host.close());
  }

  @Test
  void withDownloadOffNothingIsFetchedAndReadyNamesThePullCommand(Vertx vertx) throws Exception {
    FakeModelHost host = new FakeModelHost(vertx)
        .serve("ggerganov/whisper.cpp", WHISPER, ModelTestConfig.shared(WHISPER), FakeModelHost.Mode.NORMAL);
    int hostPort = await(host.start());
    Path dir = ModelTestConfig.modelsDir();
    int port = await(TestServer.start(vertx, overrides(hostPort, dir, false)));
    WebClient client = TestServer.client(vertx, port);
    JsonObject stt = await(client.get("/ready").send()).bodyAsJsonObject().getJsonObject("capabilities")
        .getJsonObject("stt");
    assertEquals("UNAVAILABLE", stt.getString("state"));
    assertEquals("model file " + dir.resolve(WHISPER) + " is missing: fetch it with `bin/storyvox models pull` (or "
        + "`java -jar storyvox.jar models pull`), set models.download: true, or copy it there", stt.getString("reason"));
    Thread.sleep(500);
    assertEquals(List.of(), host.ranges(), "no download with models.download false");
    client.close();
    await(host.close());
  }

}
