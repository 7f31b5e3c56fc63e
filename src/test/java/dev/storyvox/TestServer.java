package dev.storyvox;

import dev.storyvox.config.ConfigLoader;
import dev.storyvox.config.ConfigSources;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Starts storyvox in the test's Vert.x instance: {@code conf/config.yaml} with the given overrides laid
 * over it, on port 0, with a fresh outputs folder.
 */
public final class TestServer {

  private TestServer() {
  }

  /** The configuration a test server runs with: defaults, test settings, then {@code overrides}. */
  public static Future<JsonObject> config(Vertx vertx, JsonObject overrides) {
    ConfigSources sources = new ConfigSources(Path.of("conf", "config.yaml"), null, Map.of(), new Properties());
    return ConfigLoader.loadJson(vertx, sources).map(json -> json
        .mergeIn(new JsonObject()
            .put("http", new JsonObject().put("port", 0).put("host", "127.0.0.1").put("instances", 1))
            .put("gpu", new JsonObject().put("whisperPerDevice", 1))
            .put("outputs", new JsonObject().put("dir", tempDir("storyvox-outputs").toString())), true)
        .mergeIn(overrides, true));
  }

  /** Deploys role {@code all} with {@code overrides} and answers the bound port. */
  public static Future<Integer> start(Vertx vertx, JsonObject overrides) {
    return config(vertx, overrides).compose(json -> Deployment.deploy(vertx, json, Role.ALL));
  }

  /** A web client aimed at {@code 127.0.0.1:port}. */
  public static WebClient client(Vertx vertx, int port) {
    return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  /** A new temporary folder. */
  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
