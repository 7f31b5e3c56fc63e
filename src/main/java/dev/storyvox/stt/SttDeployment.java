package dev.storyvox.stt;

import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys speech-to-text: the {@link SttVerticle} entry point and, unless transcription goes to RunPod,
 * one {@link WhisperVerticle} per context ({@code gpu.devices} × {@code gpu.whisperPerDevice}).
 */
public final class SttDeployment {

  private SttDeployment() {
  }

  /** Deploys the verticles; completes once every whisper context has loaded its model or failed to. */
  public static Future<Void> deploy(Vertx vertx, StoryvoxConfig config) {
    List<Future<String>> deployed = new ArrayList<>();
    deployed.add(vertx.deployVerticle(new SttVerticle(config)));
    if (!SttVerticle.usesRunPod(config)) {
      for (int device : config.gpu().devices()) {
        for (int i = 0; i < config.gpu().whisperPerDevice(); i++) {
          deployed.add(vertx.deployVerticle(new WhisperVerticle(config.stt(), config.gpu(), device, i)));
        }
      }
    }
    return Future.all(deployed).mapEmpty();
  }
}
