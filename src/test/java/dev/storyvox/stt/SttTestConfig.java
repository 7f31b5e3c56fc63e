package dev.storyvox.stt;

import dev.storyvox.TestData;
import io.vertx.core.json.JsonObject;

/** Server settings for speech-to-text tests: a shared model, one decoding thread, loopback downloads. */
public final class SttTestConfig {

  /** The text every segment of {@code tiny-random-whisper.bin} reads. */
  public static final String MODEL_TEXT = "This is a tiny random test model";

  private SttTestConfig() {
  }

  /** Overrides running the model file {@code model} (a path, or a name under the shared models). */
  public static JsonObject overrides(String model, int queueSize) {
    String path = model.contains("/") ? model : TestData.model(model).toString();
    return new JsonObject()
        .put("stt", new JsonObject().put("model", path).put("threads", 1).put("queueSize", queueSize))
        .put("download", new JsonObject().put("allowPrivateNetworks", true));
  }

  /** Overrides with the tiny random model that always says {@link #MODEL_TEXT}. */
  public static JsonObject tinyRandom() {
    return overrides("tiny-random-whisper.bin", 8);
  }
}
