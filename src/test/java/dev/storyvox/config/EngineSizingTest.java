package dev.storyvox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gpu.whisperPerDevice: auto} and {@code stt.threads: 0} resolve to the measured split per core count. */
class EngineSizingTest {

  @TempDir
  Path engines;

  private JsonObject config(Object perDevice, int threads, String mode) {
    return new JsonObject()
        .put("engines", new JsonObject().put("dir", engines.toString()))
        .put("gpu", new JsonObject().put("mode", mode).put("whisperPerDevice", perDevice))
        .put("stt", new JsonObject().put("threads", threads));
  }

  @Test
  void autoOnCpuIsTwoContextsWithTheCoresShared() {
    JsonObject two = EngineSizing.fill(config("auto", 0, "auto"), 2);
    assertEquals(2, two.getJsonObject("gpu").getInteger("whisperPerDevice"));
    assertEquals(1, two.getJsonObject("stt").getInteger("threads"));
    JsonObject sixteen = EngineSizing.fill(config("auto", 0, "cpu"), 16);
    assertEquals(2, sixteen.getJsonObject("gpu").getInteger("whisperPerDevice"));
    assertEquals(8, sixteen.getJsonObject("stt").getInteger("threads"));
    JsonObject one = EngineSizing.fill(config("auto", 0, "cpu"), 1);
    assertEquals(1, one.getJsonObject("gpu").getInteger("whisperPerDevice"));
    assertEquals(1, one.getJsonObject("stt").getInteger("threads"));
  }

  @Test
  void givenNumbersAreKeptAndThreadsFollowTheGivenContexts() {
    JsonObject filled = EngineSizing.fill(config(2, 0, "cpu"), 2);
    assertEquals(2, filled.getJsonObject("gpu").getInteger("whisperPerDevice"));
    assertEquals(1, filled.getJsonObject("stt").getInteger("threads"));
    assertEquals(3, EngineSizing.fill(config(2, 3, "cpu"), 2).getJsonObject("stt").getInteger("threads"));
  }

  @Test
  void aGpuBuildGetsOneContextPerDevice() throws Exception {
    Files.createDirectories(engines.resolve("whisper-cuda"));
    assertEquals(1, EngineSizing.fill(config("auto", 0, "auto"), 16).getJsonObject("gpu").getInteger("whisperPerDevice"));
    assertEquals(2, EngineSizing.fill(config("auto", 0, "cpu"), 16).getJsonObject("gpu").getInteger("whisperPerDevice"));
    assertEquals(1, EngineSizing.fill(config("auto", 0, "vulkan"), 16).getJsonObject("gpu").getInteger("whisperPerDevice"));
  }
}
