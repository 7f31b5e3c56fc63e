package dev.storyvox.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the configuration with vertx-config: the YAML defaults, then the optional overlay, then
 * {@link Overrides} from the environment and system properties; the result is mapped once into records.
 */
public final class ConfigLoader {

  private ConfigLoader() {
  }

  /** The merged raw configuration, not yet mapped. */
  public static Future<JsonObject> loadJson(Vertx vertx, ConfigSources sources) {
    Future<Void> checked = checkFile(sources.defaults(), "defaults")
        .compose(v -> sources.overlay() == null ? Future.succeededFuture() : checkFile(sources.overlay(), "--conf"));
    return checked.compose(v -> {
      ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(-1)
          .setIncludeDefaultStores(false)
          .addStore(yaml(sources.defaults()));
      if (sources.overlay() != null) {
        options.addStore(yaml(sources.overlay()));
      }
      ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
      return retriever.getConfig()
          .recover(e -> Future.failedFuture(new ConfigException("cannot read configuration: " + rootMessage(e))))
          .eventually(retriever::close);
    }).map(json -> Overrides.apply(json, sources.env(), sources.systemProperties()));
  }

  /** The merged configuration mapped to records; fails with a {@link ConfigException} naming the bad key. */
  public static Future<StoryvoxConfig> load(Vertx vertx, ConfigSources sources) {
    return loadJson(vertx, sources).map(StoryvoxConfig::from);
  }

  private static Future<Void> checkFile(Path path, String what) {
    if (!Files.isRegularFile(path)) {
      return Future.failedFuture(new ConfigException("config file " + path.toAbsolutePath()
          + " (" + what + ") does not exist or is not a file"));
    }
    return Future.succeededFuture();
  }

  private static ConfigStoreOptions yaml(Path path) {
    return new ConfigStoreOptions().setType("file").setFormat("yaml")
        .setConfig(new JsonObject().put("path", path.toAbsolutePath().toString()));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
