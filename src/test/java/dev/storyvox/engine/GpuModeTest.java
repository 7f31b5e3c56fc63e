package dev.storyvox.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** {@code gpu.mode: gpu} on this CPU-only machine: one clear warning per engine, the engines run on CPU. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GpuModeTest {

  @Test
  void askingForAGpuOnACpuBuildWarnsAndRunsOnCpu(Vertx vertx) throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    try {
      JsonObject overrides = new JsonObject()
          .put("gpu", new JsonObject().put("mode", "gpu"))
          .put("stt", new JsonObject().put("model", TestData.model("tiny-random-whisper.bin").toString()).put("threads", 1))
          .put("llm", new JsonObject().put("model", TestData.model("stories260Ktok512.gguf").toString())
              .put("threads", 1).put("contextSize", 2048));
      int port = TestServer.start(vertx, overrides).await(30, TimeUnit.SECONDS);
      JsonObject caps = awaitReady(vertx, port);
      assertTrue(caps.getJsonObject("stt").getString("reason").contains(", CPU"), caps.encode());
      assertTrue(caps.getJsonObject("llm").getString("reason").contains(", CPU"), caps.encode());
      assertEquals(1, warnings(logs, "gpu.mode is gpu but the loaded whisper.cpp build has no GPU backend"));
      assertEquals(1, warnings(logs, "gpu.mode is gpu but the loaded llama.cpp build has no GPU backend"));
    } finally {
      root.detachAppender(logs);
    }
  }

  private static long warnings(ListAppender<ILoggingEvent> logs, String text) {
    return logs.list.stream().filter(e -> e.getFormattedMessage().contains(text)).count();
  }

  private static JsonObject awaitReady(Vertx vertx, int port) throws Exception {
    for (int i = 0; i < 100; i++) {
      JsonObject body = TestServer.client(vertx, port).get("/ready").send().await(5, TimeUnit.SECONDS).bodyAsJsonObject();
      JsonObject caps = body.getJsonObject("capabilities");
      if (caps.getJsonObject("stt").getString("state").equals("READY")
          && caps.getJsonObject("llm").getString("state").equals("READY")) {
        return caps;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("engines never became READY");
  }
}
