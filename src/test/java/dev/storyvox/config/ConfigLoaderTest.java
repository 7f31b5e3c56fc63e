package dev.storyvox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ConfigLoaderTest {

  private static final Path DEFAULTS = Path.of("conf", "config.yaml");

  @Test
  void defaultsMapEveryKeyOfTheDesign(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, sources(null, Map.of(), new Properties())).onComplete(ctx.succeeding(c -> ctx.verify(() -> {
      assertEquals(8000, c.http().port());
      assertEquals("0.0.0.0", c.http().host());
      assertEquals(2, c.http().instances());
      assertNull(c.auth().internalSecret());
      assertEquals("outputs", c.outputs().dir());
      assertEquals(100, c.outputs().keep());
      assertEquals(104_857_600L, c.download().maxBytes());
      assertEquals("local", c.stt().backend());
      assertEquals("ko", c.stt().language());
      assertEquals(java.util.List.of(0), c.gpu().devices());
      assertEquals("https://api.runpod.ai/v2", c.runpod().baseUrl());
      assertEquals(8192, c.llm().contextSize());
      assertEquals("conf/prompts", c.llm().promptsDir());
      assertEquals(null, c.comfyui().url(), "illustration cards are the embedded default");
      assertEquals("espeak", c.tts().engine());
      assertEquals(2, c.story().maxConcurrentRuns());
      assertTrue(c.story().requireKorean());
      ctx.completeNow();
    })));
  }

  @Test
  void overlayThenEnvThenSystemPropertiesWin(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path overlay = write("http:\n  port: 9100\n  instances: 3\nstt:\n  language: en\nllm:\n  threads: 4\n");
    Map<String, String> env = Map.of(
        "STORYVOX_HTTP_PORT", "0",
        "STORYVOX_AUTH_INTERNAL_SECRET", "s3cret",
        "STORYVOX_GPU_DEVICES", "[0, 1]",
        "RUNPOD_API_KEY", "rp-key",
        "RUNPOD_ENDPOINT_ID", "ep-1",
        "STORYVOX_LLM_THREADS", "6");
    Properties props = new Properties();
    props.setProperty("storyvox.llm.threads", "8");
    ConfigLoader.load(vertx, sources(overlay, env, props)).onComplete(ctx.succeeding(c -> ctx.verify(() -> {
      assertEquals(0, c.http().port(), "env beats the overlay");
      assertEquals(3, c.http().instances(), "overlay beats defaults");
      assertEquals("en", c.stt().language());
      assertEquals("s3cret", c.auth().internalSecret());
      assertEquals(java.util.List.of(0, 1), c.gpu().devices());
      assertEquals("rp-key", c.runpod().apiKey());
      assertEquals("ep-1", c.runpod().endpointId());
      assertTrue(c.runpod().configured());
      assertEquals(8, c.llm().threads(), "system properties beat env");
      ctx.completeNow();
    })));
  }

  @Test
  void badValueNamesTheKeyAndTheExpectedForm(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, sources(null, Map.of("STORYVOX_HTTP_PORT", "eighty"), new Properties()))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertInstanceOf(ConfigException.class, e);
          assertEquals("config http.port: expected an integer, got \"eighty\"", e.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void whisperContextsAreANumberOrAuto(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, sources(null, Map.of("STORYVOX_GPU_WHISPERPERDEVICE", "many"), new Properties()))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertEquals("config gpu.whisperPerDevice: expected an integer, got \"many\"", e.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void outOfRangeAndUnknownValuesAreRefused(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path overlay = write("stt:\n  backend: cloud\n");
    ConfigLoader.load(vertx, sources(overlay, Map.of(), new Properties()))
        .compose(c -> Future.<StoryvoxConfig>failedFuture("accepted stt.backend: cloud"), e -> {
          ctx.verify(() -> assertEquals("config stt.backend: expected one of local|runpod|auto, got cloud",
              e.getMessage()));
          return ConfigLoader.load(vertx, sources(null, Map.of("STORYVOX_HTTP_PORT", "70000"), new Properties()));
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertEquals("config http.port: expected an integer from 0 to 65535, got 70000", e.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void unknownKeyInAFileIsRefused(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path overlay = write("http:\n  prot: 1\n");
    ConfigLoader.load(vertx, sources(overlay, Map.of(), new Properties()))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertTrue(e.getMessage().startsWith("config http.prot: unknown key"), e.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void missingOverlayFileIsAClearError(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, sources(Path.of("no-such.yaml"), Map.of(), new Properties()))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertTrue(e.getMessage().contains("no-such.yaml") && e.getMessage().contains("does not exist"),
              e.getMessage());
          ctx.completeNow();
        })));
  }

  private static ConfigSources sources(Path overlay, Map<String, String> env, Properties props) {
    return new ConfigSources(DEFAULTS, overlay, env, props);
  }

  private static Path write(String yaml) throws Exception {
    Path file = TestServer.tempDir("storyvox-conf").resolve("overlay.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
