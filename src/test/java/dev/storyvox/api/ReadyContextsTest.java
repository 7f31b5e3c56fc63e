package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.llm.LlmSlot;
import dev.storyvox.llm.LlmVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /ready} with two LLM contexts, one with the real stories260K model and one whose model is missing:
 * the capability is the aggregate of both (how many are ready, which is not and why), the same on every
 * call, not whichever context happened to answer.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadyContextsTest {

  private static final String ABSENT = "models/absent-story.gguf";

  @Test
  void twoLlmContextsOneWithoutItsModelAreAggregated(Vertx vertx) throws Exception {
    JsonObject overrides = new JsonObject().put("llm", new JsonObject()
        .put("model", TestData.model("stories260Ktok512.gguf").toString()).put("threads", 1).put("contextSize", 512));
    int port = TestServer.start(vertx, overrides).await(30, TimeUnit.SECONDS);
    JsonObject second = TestServer.config(vertx, overrides).await(5, TimeUnit.SECONDS);
    second.getJsonObject("llm").put("model", ABSENT);
    StoryvoxConfig typed = StoryvoxConfig.from(second);
    vertx.deployVerticle(new LlmVerticle(typed.llm(), typed.gpu(), typed.retry().llm(), new LlmSlot(0, 1)))
        .await(10, TimeUnit.SECONDS);
    WebClient client = TestServer.client(vertx, port);

    JsonObject llm = null;
    long deadline = System.currentTimeMillis() + 30_000;
    while (llm == null || "LOADING".equals(llm.getString("state")) && System.currentTimeMillis() < deadline) {
      Thread.sleep(llm == null ? 0 : 100);
      llm = ready(client).bodyAsJsonObject().getJsonObject("capabilities").getJsonObject("llm");
    }
    for (int i = 0; i < 4; i++) {
      HttpResponse<Buffer> r = ready(client);
      assertEquals(503, r.statusCode(), r.bodyAsString());
      JsonObject body = r.bodyAsJsonObject();
      llm = body.getJsonObject("capabilities").getJsonObject("llm");
      assertEquals("UNAVAILABLE", llm.getString("state"), llm.encode());
      assertEquals(new JsonObject().put("total", 2).put("ready", 1).put("notReady", new JsonArray().add("gpu0-llm-1")),
          llm.getJsonObject("contexts"), "every call counts both contexts");
      assertTrue(llm.getString("reason").startsWith("1 of 2 contexts ready; not ready: gpu0-llm-1 (UNAVAILABLE:")
          && llm.getString("reason").contains("absent-story.gguf"), llm.getString("reason"));
      List<JsonObject> pools = body.getJsonArray("pools").stream().map(JsonObject.class::cast)
          .filter(p -> "llm".equals(p.getString("kind"))).toList();
      assertEquals(List.of("gpu0-llm-0", "gpu0-llm-1"), pools.stream().map(p -> p.getString("name")).toList());
      assertEquals("READY", pools.get(0).getString("state"), pools.get(0).encode());
      assertTrue(pools.get(0).getString("reason").contains("stories260Ktok512.gguf"), pools.get(0).encode());
      assertEquals(0, pools.get(0).getInteger("device"));
      assertEquals("UNAVAILABLE", pools.get(1).getString("state"), pools.get(1).encode());
    }
  }

  private static HttpResponse<Buffer> ready(WebClient client) throws Exception {
    return client.get("/ready").send().await(5, TimeUnit.SECONDS);
  }
}
