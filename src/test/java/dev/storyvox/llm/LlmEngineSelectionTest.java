package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.EnginesConfig;
import dev.storyvox.config.ModelsConfig;
import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llm.generate} on the engine {@link LlmEngines} picks: the current llama.cpp when it is installed
 * in {@code engines.dir} (a Qwen3 model generates, /ready names the engine), java-llama.cpp 4.2.0 when it is
 * not (the Qwen3 model is refused with 503 MODEL_UNAVAILABLE naming the architecture and the install).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LlmEngineSelectionTest {

  @TempDir
  static Path dir;

  @Test
  void withTheCurrentEngineInstalledAQwen3ModelGenerates() throws Exception {
    Path engines = CurrentEngine.folder().getParent();
    Vertx vertx = deploy(TinyQwen3Gguf.write(dir.resolve("q-current.gguf")), new EnginesConfig(engines.toString()));
    try {
      Readiness ready = awaitReady(vertx).await(60, TimeUnit.SECONDS);
      assertEquals(Readiness.READY, ready.state(), ready.reason());
      assertTrue(ready.reason().contains("llama.cpp 0.5.0") && ready.reason().contains("q-current.gguf"),
          ready.reason());
      LlmRequest req = new LlmRequest("q", List.of(ChatMessage.user("hello")), null, null, null, 8, 0, 1, 1, 1,
          List.of(), false);
      LlmReply reply = vertx.eventBus().<LlmReply>request(Addresses.LLM_GENERATE, req,
          new DeliveryOptions().setSendTimeout(30_000)).map(Message::body).await(30, TimeUnit.SECONDS);
      assertTrue(reply.completionTokens() > 0, reply.toString());
    } finally {
      TestWaits.close(vertx);
    }
  }

  @Test
  void withoutItJavaLlamaCppRefusesQwen3With503NamingTheArchitecture() throws Exception {
    Path none = java.nio.file.Files.createDirectories(dir.resolve("no-engines"));
    Vertx vertx = deploy(TinyQwen3Gguf.write(dir.resolve("q-old.gguf")), new EnginesConfig(none.toString()));
    try {
      Readiness ready = awaitReady(vertx).await(60, TimeUnit.SECONDS);
      assertEquals(Readiness.UNAVAILABLE, ready.state(), ready.reason());
      LlmRequest req = LlmRequest.raw("q", "hello", 8, 1);
      Throwable cause = vertx.eventBus().request(Addresses.LLM_GENERATE, req)
          .transform(ar -> Future.succeededFuture(ar.cause())).await(30, TimeUnit.SECONDS);
      ServiceException e = assertInstanceOf(ServiceException.class, Failures.toService(cause));
      assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
      assertEquals(503, e.status());
      assertTrue(e.getMessage().contains("architecture 'qwen3'") && e.getMessage().contains("npm")
          && e.getMessage().contains("engines.dir"), e.getMessage());
    } finally {
      TestWaits.close(vertx);
    }
  }

  @Test
  void theApiReportsTheRefusalOnReady() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Path none = java.nio.file.Files.createDirectories(dir.resolve("no-engines-api"));
      JsonObject overrides = new JsonObject()
          .put("engines", new JsonObject().put("dir", none.toString()))
          .put("llm", new JsonObject().put("model", TinyQwen3Gguf.write(dir.resolve("q-api.gguf")).toString())
              .put("threads", 1).put("contextSize", 256));
      int port = TestServer.start(vertx, overrides).await(30, TimeUnit.SECONDS);
      JsonObject llm = null;
      for (int i = 0; i < 100 && (llm == null || "LOADING".equals(llm.getString("state"))); i++) {
        HttpResponse<Buffer> res = TestServer.client(vertx, port).get("/ready").send().await(5, TimeUnit.SECONDS);
        llm = res.bodyAsJsonObject().getJsonObject("capabilities").getJsonObject("llm");
        Thread.sleep(100);
      }
      assertEquals("UNAVAILABLE", llm.getString("state"), llm.encode());
      assertTrue(llm.getString("reason").contains("'qwen3'") && llm.getString("reason").contains("npm"), llm.encode());
    } finally {
      TestWaits.close(vertx);
    }
  }

  private static Vertx deploy(Path model, EnginesConfig engines) throws Exception {
    Vertx vertx = Vertx.vertx();
    RecordCodec.register(vertx);
    JsonObject overrides = new JsonObject().put("llm", new JsonObject().put("model", model.toString())
        .put("threads", 1).put("contextSize", 256));
    StoryvoxConfig config = StoryvoxConfig.from(TestServer.config(vertx, overrides).await(10, TimeUnit.SECONDS));
    vertx.deployVerticle(new LlmVerticle(config.llm(), config.gpu(), config.retry().llm(), new LlmSlot(0, 0),
        ModelsConfig.none(), engines)).await(10, TimeUnit.SECONDS);
    return vertx;
  }

  private static Future<Readiness> awaitReady(Vertx vertx) {
    return vertx.eventBus().<Readiness>request(Addresses.READY + "llm", new ReadinessQuery("llm")).map(Message::body)
        .compose(r -> Readiness.LOADING.equals(r.state())
            ? vertx.timer(50).compose(v -> awaitReady(vertx)) : Future.succeededFuture(r));
  }
}
