package dev.storyvox.models;

import dev.storyvox.bus.Addresses;
import dev.storyvox.config.ModelFileConfig;
import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the manifest's missing model files in the background when {@code models.download} is on: start
 * completes at once (HTTP already answers), the files come one after the other through
 * {@link ModelFetchClient}, and every {@link ModelProgress} is published on this node's own bus
 * ({@code Addresses.MODELS_PROGRESS}), where the engines waiting for a file ({@link ModelWait}) show it in
 * {@code /ready} and load it when it is READY. The log gets one progress line every few seconds. With
 * {@code models.download} off it only names the missing files and the command that fetches them.
 */
public final class ModelsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ModelsVerticle.class);
  private static final long LOG_EVERY_MS = 5000;

  private final StoryvoxConfig config;
  private final Map<String, ModelProgress> latest = new ConcurrentHashMap<>();
  private ModelFetchClient client;
  private long logTimer = -1;

  public ModelsVerticle(StoryvoxConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    ModelDownloads.missing(vertx, config.models()).onSuccess(this::begin)
        .onFailure(e -> LOG.warn("cannot check the model files: {}", e.getMessage()));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(logTimer);
    return client == null ? Future.succeededFuture() : client.close();
  }

  private void begin(List<ModelFileConfig> missing) {
    if (missing.isEmpty()) {
      return;
    }
    String names = missing.stream().map(ModelFileConfig::name).collect(Collectors.joining(", "));
    if (!config.models().download()) {
      LOG.warn("model files missing: {}; fetch them with `bin/storyvox models pull` or set models.download: true",
          names);
      return;
    }
    LOG.info("downloading {} model file(s) in the background from {}: {}", missing.size(), config.models().source(),
        names);
    client = new ModelFetchClient(vertx, config.models(), config.download(), config.retry().models());
    logTimer = vertx.setPeriodic(LOG_EVERY_MS, id -> latest.values().stream()
        .filter(p -> ModelProgress.DOWNLOADING.equals(p.state())).forEach(p -> LOG.info("{}", p.describe())));
    ModelDownloads.fetchAll(client, missing, this::publish).onComplete(ar -> {
      vertx.cancelTimer(logTimer);
      List<ModelFileConfig> failed = ar.succeeded() ? ar.result() : missing;
      if (failed.isEmpty()) {
        LOG.info("all model files are in place");
      } else {
        LOG.warn("{} model file(s) could not be downloaded; restart or run `bin/storyvox models pull` to try again",
            failed.size());
      }
    });
  }

  private void publish(ModelProgress progress) {
    latest.put(progress.path(), progress);
    if (!ModelProgress.DOWNLOADING.equals(progress.state())) {
      if (ModelProgress.FAILED.equals(progress.state())) {
        LOG.warn("{}", progress.describe());
      } else {
        LOG.info("{}", progress.describe());
      }
    }
    vertx.eventBus().publish(Addresses.MODELS_PROGRESS, progress, new DeliveryOptions().setLocalOnly(true));
  }
}
