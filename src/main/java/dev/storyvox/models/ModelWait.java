package dev.storyvox.models;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.Readiness;
import dev.storyvox.config.ModelFileConfig;
import dev.storyvox.config.ModelsConfig;
import dev.storyvox.engine.EngineWorker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets an engine load its model when the files arrive instead of failing at start. The engine names the
 * settings it reads and their values; the manifest files {@code for} them are the ones it needs. When they
 * are all on disk it loads at once; otherwise its worker reports LOADING with the download's progress
 * ({@code models.download: true}) or UNAVAILABLE with the command that fetches them, and it loads as soon
 * as the last one is announced READY on {@code Addresses.MODELS_PROGRESS}, without a restart. A setting
 * pointing at a file the manifest does not list is loaded (or fails) as it is.
 */
public final class ModelWait {

  private static final Logger LOG = LoggerFactory.getLogger(ModelWait.class);

  private ModelWait() {
  }

  /**
   * Runs {@code load} once the needed files exist; completes at once (never waits for a download).
   *
   * @param settings setting name to its value, e.g. {@code stt.model → models/ggml-base.bin}
   */
  public static Future<Void> whenPresent(Vertx vertx, ModelsConfig models, Map<String, String> settings,
                                         EngineWorker<?> worker, Supplier<Future<Void>> load) {
    Set<String> needed = needed(models, settings);
    if (needed.isEmpty()) {
      return load.get();
    }
    return missing(vertx, needed).compose(missing -> {
      if (missing.isEmpty()) {
        return load.get();
      }
      worker.awaiting(models.download()
          ? Readiness.loading("waiting to download " + names(missing))
          : Readiness.unavailable(missingHint(models, missing)));
      MessageConsumer<ModelProgress> consumer = vertx.eventBus().localConsumer(Addresses.MODELS_PROGRESS);
      consumer.handler(message -> {
        ModelProgress progress = message.body();
        if (!missing.contains(progress.path())) {
          return;
        }
        if (ModelProgress.READY.equals(progress.state())) {
          missing.remove(progress.path());
        }
        if (missing.isEmpty()) {
          consumer.unregister();
          LOG.info("{}: {} arrived; loading", worker.name(), names(needed));
          load.get();
        } else if (ModelProgress.FAILED.equals(progress.state())) {
          worker.awaiting(Readiness.unavailable(progress.describe()));
        } else if (!ModelProgress.READY.equals(progress.state())) {
          worker.awaiting(Readiness.loading(progress.describe()));
        }
      });
      return consumer.completion()
          .compose(v -> ModelWait.missing(vertx, needed))
          .onSuccess(still -> {
            if (still.isEmpty() && !missing.isEmpty()) {
              missing.clear();
              consumer.unregister();
              load.get();
            }
          }).mapEmpty();
    });
  }

  /** What {@code /ready} says when files are missing and nothing downloads them. */
  public static String missingHint(ModelsConfig models, Set<String> missing) {
    return "model file " + names(missing) + " is missing: fetch it with `bin/storyvox models pull` (or `java -jar "
        + "storyvox.jar models pull`), set models.download: true, or copy it there";
  }

  private static Set<String> needed(ModelsConfig models, Map<String, String> settings) {
    Set<String> needed = new LinkedHashSet<>();
    settings.forEach((setting, value) -> {
      List<ModelFileConfig> files = value == null ? List.of() : models.filesFor(setting);
      if (!files.isEmpty() && same(files.get(0).path(), value)) {
        files.forEach(f -> needed.add(f.path()));
      }
    });
    return needed;
  }

  private static Future<Set<String>> missing(Vertx vertx, Set<String> paths) {
    List<Future<Boolean>> checks = paths.stream().map(p -> vertx.fileSystem().exists(p)).toList();
    return Future.all(checks).map(all -> {
      Set<String> missing = java.util.concurrent.ConcurrentHashMap.newKeySet();
      int i = 0;
      for (String path : paths) {
        if (!checks.get(i++).result()) {
          missing.add(path);
        }
      }
      return missing;
    });
  }

  private static boolean same(String a, String b) {
    return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
  }

  private static String names(Set<String> paths) {
    return paths.stream().sorted().collect(Collectors.joining(", "));
  }
}
