package dev.storyvox.stt;

import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys speech-to-text: the {@link SttVerticle} entry point (on API nodes) and, unless transcription goes
 * to RunPod, one {@link WhisperVerticle} per context ({@code gpu.devices} × {@code gpu.whisperPerDevice}, on
 * engine nodes).
 */
public final class SttDeployment {

  private SttDeployment() {
  }

  /** Deploys the entry point and the engines; completes once every whisper context has loaded or failed to. */
  public static Future<Void> deploy(Vertx vertx, StoryvoxConfig config) {
    return Future.all(deployEntry(vertx, config), deployEngines(vertx, config)).mapEmpty();
  }

  /** Deploys the {@link SttVerticle}, which fetches and decodes audio and sends samples to any engine. */
  public static Future<Void> deployEntry(Vertx vertx, StoryvoxConfig config) {
    return vertx.deployVerticle(new SttVerticle(config)).mapEmpty();
  }

  /** Deploys one {@link WhisperVerticle} per context, none when transcription goes to RunPod. */
  public static Future<Void> deployEngines(Vertx vertx, StoryvoxConfig config) {
    List<Future<String>> deployed = new ArrayList<>();
    if (!SttVerticle.usesRunPod(config)) {
      for (int device : config.gpu().devices()) {
        for (int i = 0; i < config.gpu().whisperPerDevice(); i++) {
          deployed.add(vertx.deployVerticle(new WhisperVerticle(config.stt(), config.gpu(), device, i, config.models(),
              config.engines())));
        }
      }
    }
    return Future.all(deployed).mapEmpty();
  }
}
