package dev.storyvox.illustration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A ComfyUI that lacks the workflow's checkpoint: {@code /ready} names the file and the folder it belongs in,
 * and new runs are refused with that reason while it lasts; once the server offers the file, both recover.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ComfyUiModelsTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    TestWaits.close(vertx);
  }

  @Test
  void aMissingCheckpointIsNamedInReadyAndRefusesNewRuns() throws Exception {
    FakeComfyUi comfy = new FakeComfyUi(vertx, 2).start().await(5, TimeUnit.SECONDS)
        .mode(FakeComfyUi.Mode.VALIDATION_ERROR);
    JsonObject overrides = new JsonObject()
        .put("outputs", new JsonObject().put("dir", TestServer.tempDir("comfy-models").toString()))
        .put("llm", new JsonObject().put("model", TestData.model("stories260Ktok512.gguf").toString()).put("threads", 1))
        .put("tts", new JsonObject().put("engine", "none"))
        .put("story", new JsonObject().put("requireKorean", false))
        .put("comfyui", new JsonObject().put("url", comfy.url()));
    WebClient client = TestServer.client(vertx, TestServer.start(vertx, overrides).await(60, TimeUnit.SECONDS));

    JsonObject comfyui = TestWaits.await(client.get("/ready").send(), 10_000).bodyAsJsonObject()
        .getJsonObject("capabilities").getJsonObject("comfyui");
    assertEquals("UNAVAILABLE", comfyui.getString("state"), comfyui.encode());
    assertTrue(comfyui.getString("reason").contains(FakeComfyUi.CHECKPOINT)
        && comfyui.getString("reason").contains("models/checkpoints"), comfyui.encode());

    HttpResponse<Buffer> refused = TestWaits.await(client.post("/api/runs").sendJsonObject(new JsonObject()
        .put("era_ko", "현대").put("place_ko", "숲").put("characters_ko", "토끼").put("topic_ko", "우정")), 10_000);
    assertEquals(503, refused.statusCode(), refused.bodyAsString());
    JsonObject error = refused.bodyAsJsonObject().getJsonObject("error");
    assertEquals("MODEL_UNAVAILABLE", error.getString("code"));
    assertTrue(error.getString("message").contains(FakeComfyUi.CHECKPOINT), error.encode());
    assertEquals(0, TestWaits.await(client.get("/api/runs").send(), 10_000).bodyAsJsonObject()
        .getJsonArray("runs").size(), "nothing was kept");
  }
}
