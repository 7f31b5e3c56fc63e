package dev.storyvox.stt;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.metrics.StoryvoxMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * Speech-to-text with VAD as the server deploys it ({@link SttDeployment}: the entry point and a real whisper
 * context on the tiny random model), asked over the bus as the HTTP routes ask it.
 */
public final class VadTestServer {

  private VadTestServer() {
  }

  /** The tiny random model with the shared Silero model and {@code stt} overrides laid over. */
  public static JsonObject overrides(JsonObject stt) {
    JsonObject overrides = SttTestConfig.tinyRandom();
    overrides.getJsonObject("stt").put("vadModel", TestData.model("silero_vad_v5.onnx").toString()).mergeIn(stt);
    return overrides;
  }

  /** Deploys the entry point and the engines with {@code overrides}. */
  public static Future<StoryvoxConfig> deploy(Vertx vertx, JsonObject overrides) {
    return TestServer.config(vertx, overrides).map(StoryvoxConfig::from).compose(config -> {
      RecordCodec.register(vertx);
      return SttDeployment.deploy(vertx, config).map(config);
    });
  }

  /** Transcribes {@code wav} (English, with word timings) through {@code Addresses.STT_TRANSCRIBE}. */
  public static Future<Transcript> transcribe(Vertx vertx, byte[] wav) {
    return vertx.eventBus().<Transcript>request(Addresses.STT_TRANSCRIBE,
        new SttRequest(wav, null, "en", null, 0f, false, true), new DeliveryOptions().setSendTimeout(50_000))
        .map(Message::body);
  }

  /** What {@code /ready} hears from the VAD stage now. */
  public static Future<Readiness> vadReadinessNow(Vertx vertx) {
    return vertx.eventBus().<Readiness>request(Addresses.READY + "vad", new ReadinessQuery("vad")).map(Message::body);
  }

  /** What {@code /ready} hears from the VAD stage once its model has loaded (asked every 20 ms, for 20 s at most). */
  public static Future<Readiness> vadReadiness(Vertx vertx) {
    return settled(vertx, 1000);
  }

  private static Future<Readiness> settled(Vertx vertx, int triesLeft) {
    return vadReadinessNow(vertx).compose(r -> !Readiness.LOADING.equals(r.state()) || triesLeft == 0
        ? Future.succeededFuture(r)
        : Future.<Void>future(p -> vertx.setTimer(20, id -> p.complete())).compose(v -> settled(vertx, triesLeft - 1)));
  }

  /** Jobs the whisper contexts of this process have run so far. */
  public static long engineJobs() {
    return StoryvoxMetrics.inference("stt").count();
  }
}
