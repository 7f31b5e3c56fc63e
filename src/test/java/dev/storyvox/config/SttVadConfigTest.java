package dev.storyvox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code stt.vad*} settings: their defaults, where the model path comes from, and bad values refused. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class SttVadConfigTest {

  @Test
  void sileroIsOnByDefaultWithFasterWhispersSpanSettings(Vertx vertx, VertxTestContext ctx) {
    load(vertx, Map.of()).onComplete(ctx.succeeding(c -> ctx.verify(() -> {
      assertEquals("silero", c.stt().vad());
      assertEquals("models/silero_vad_v5.onnx", c.stt().vadModel());
      assertEquals(0.5, c.stt().vadThreshold());
      assertEquals(250, c.stt().vadMinSpeechMs());
      assertEquals(2000, c.stt().vadMinSilenceMs());
      assertEquals(400, c.stt().vadPadMs());
      ctx.completeNow();
    })));
  }

  @Test
  void aManifestFileForSttVadModelIsTheModel(Vertx vertx, VertxTestContext ctx) {
    load(vertx, Map.of("STORYVOX_MODELS_FILES", "[{\"path\": \"models/vad-own.onnx\", \"url\": \"x/vad.onnx\", "
        + "\"for\": \"stt.vadModel\"}]"))
        .onComplete(ctx.succeeding(c -> ctx.verify(() -> {
          assertEquals("models/vad-own.onnx", c.stt().vadModel());
          ctx.completeNow();
        })));
  }

  @Test
  void anUnknownVadOrAThresholdOutOfRangeIsRefused(Vertx vertx, VertxTestContext ctx) {
    load(vertx, Map.of("STORYVOX_STT_VAD", "webrtc"))
        .compose(c -> Future.<StoryvoxConfig>failedFuture("accepted stt.vad: webrtc"), e -> {
          ctx.verify(() -> assertEquals("config stt.vad: expected one of silero|none, got webrtc", e.getMessage()));
          return load(vertx, Map.of("STORYVOX_STT_VAD_THRESHOLD", "1.5"));
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertEquals("config stt.vadThreshold: expected a number from 0.01 to 0.99, got 1.5", e.getMessage());
          ctx.completeNow();
        })));
  }

  private static Future<StoryvoxConfig> load(Vertx vertx, Map<String, String> env) {
    return ConfigLoader.load(vertx, new ConfigSources(Path.of("conf", "config.yaml"), null, env, new Properties()));
  }
}
