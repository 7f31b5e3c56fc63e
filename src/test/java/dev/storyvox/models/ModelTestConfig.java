package dev.storyvox.models;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Settings and files for model download tests: loopback allowed, fast retries, short stall timeout. */
final class ModelTestConfig {

  /** sha256 of {@code for-tests-ggml-tiny.bin}, from ../shared/models/README.md. */
  static final String TINY_SHA = "c486fb9f14a28b1c1dc252741a431646cc573450c900b9d9c406e10294aa01e6";
  /** sha256 of {@code tiny-random-whisper.bin}, from ../shared/models/README.md. */
  static final String RANDOM_WHISPER_SHA = "153ecf8e77767ac78afc4d707a276c260071d3e64defe5e71c164cc7ac523cf1";
  /** sha256 of {@code stories260Ktok512.gguf}, from ../shared/models/README.md. */
  static final String STORIES_SHA = "047bf46455a544931cff6fef14d7910154c56afbc23ab1c5e56a72e69912c04b";

  private ModelTestConfig() {
  }

  /** Overrides pointing {@code models.source} at the fake host with {@code files} and {@code download}. */
  static JsonObject overrides(int port, JsonArray files, boolean download) {
    return new JsonObject()
        .put("download", new JsonObject().put("allowPrivateNetworks", true))
        .put("models", new JsonObject().put("download", download).put("source", "http://127.0.0.1:" + port)
            .put("files", files).put("idleTimeoutMs", 5000))
        .put("retry", new JsonObject().put("models", new JsonObject().put("maxRetries", 3).put("backoffMs", 10)
            .put("maxBackoffMs", 50).put("deadlineMs", 30_000)));
  }

  /** One manifest entry. */
  static JsonObject file(Path path, String url, String sha256, Long bytes, String usedBy) {
    return new JsonObject().put("path", path.toString()).put("url", url).put("sha256", sha256).put("bytes", bytes)
        .put("for", usedBy);
  }

  static byte[] shared(String name) {
    try {
      return Files.readAllBytes(TestData.model(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path modelsDir() {
    return TestServer.tempDir("storyvox-models").resolve("models");
  }
}
