package dev.storyvox.models;

import dev.storyvox.bus.Failures;
import dev.storyvox.config.ModelFileConfig;
import dev.storyvox.config.ModelsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The selected manifest files not on disk, and fetching them one after the other. */
final class ModelDownloads {

  private ModelDownloads() {
  }

  /** The selected files of {@code models} that are not on disk, in manifest order. */
  static Future<List<ModelFileConfig>> missing(Vertx vertx, ModelsConfig models) {
    List<ModelFileConfig> files = models.selected();
    List<Future<Boolean>> checks = files.stream().map(f -> vertx.fileSystem().exists(f.path())).toList();
    return Future.all(checks).map(v -> {
      List<ModelFileConfig> missing = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        if (!checks.get(i).result()) {
          missing.add(files.get(i));
        }
      }
      return missing;
    });
  }

  /**
   * Fetches {@code files} one at a time; a failed file does not stop the next. Each ends with a READY or
   * FAILED {@link ModelProgress}.
   *
   * @return the files that failed
   */
  static Future<List<ModelFileConfig>> fetchAll(ModelFetchClient client, List<ModelFileConfig> files,
                                                Consumer<ModelProgress> progress) {
    List<ModelFileConfig> failed = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (ModelFileConfig file : files) {
      chain = chain.compose(v -> client.fetch(file, progress)
          .onSuccess(ok -> progress.accept(new ModelProgress(file.path(), ModelProgress.READY, 0, 0, 0, null)))
          .recover(e -> {
            failed.add(file);
            progress.accept(new ModelProgress(file.path(), ModelProgress.FAILED, 0, 0, 0,
                Failures.toService(e).getMessage()));
            return Future.succeededFuture();
          }));
    }
    return chain.map(v -> failed);
  }

  /** Megabytes, rounded up, for messages. */
  static long mb(Long bytes) {
    return bytes == null ? -1 : (bytes + 999_999) / 1_000_000;
  }
}
