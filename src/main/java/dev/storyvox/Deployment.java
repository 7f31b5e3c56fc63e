package dev.storyvox;

import dev.storyvox.api.HttpVerticle;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.comfyui.ComfyUiVerticle;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.llm.LlmSlot;
import dev.storyvox.llm.LlmVerticle;
import dev.storyvox.solo.SoloVerticle;
import dev.storyvox.story.StoryVerticle;
import dev.storyvox.stt.SttDeployment;
import dev.storyvox.tts.TtsVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys the verticles of a role on a Vert.x instance. {@code all} runs every verticle in one process;
 * the other roles split them across a cluster.
 */
public final class Deployment {

  private Deployment() {
  }

  /**
   * Registers the message codec and deploys {@code role}'s verticles with {@code config}.
   *
   * @return the bound HTTP port, or -1 when the role serves no HTTP
   */
  public static Future<Integer> deploy(Vertx vertx, JsonObject config, Role role) {
    StoryvoxConfig typed = StoryvoxConfig.from(config);
    RecordCodec.register(vertx);
    if (role != Role.ALL) {
      return Future.failedFuture(new ServiceException(ErrorCode.NOT_IMPLEMENTED,
          "role " + role.wireName() + " is not implemented yet; use --role all"));
    }
    DeploymentOptions http = new DeploymentOptions().setConfig(config).setInstances(typed.http().instances());
    DeploymentOptions plain = new DeploymentOptions().setConfig(config);
    return deployLlm(vertx, config, typed)
        .compose(v -> vertx.deployVerticle(ComfyUiVerticle::new, plain))
        .compose(id -> vertx.deployVerticle(TtsVerticle::new, plain))
        .compose(id -> vertx.deployVerticle(new SoloVerticle(), plain))
        .compose(id -> vertx.deployVerticle(new StoryVerticle(), plain))
        .compose(id -> Future.all(SttDeployment.deploy(vertx, typed), vertx.deployVerticle(HttpVerticle::new, http)))
        .map(id -> (Integer) vertx.sharedData().getLocalMap(HttpVerticle.LOCAL_MAP).get(HttpVerticle.PORT_KEY));
  }

  /** One {@link LlmVerticle} per LLM context: {@code gpu.llmPerDevice} on each of {@code gpu.devices}. */
  private static Future<Void> deployLlm(Vertx vertx, JsonObject config, StoryvoxConfig typed) {
    List<Future<String>> deployed = new ArrayList<>();
    for (int device : typed.gpu().devices()) {
      for (int index = 0; index < typed.gpu().llmPerDevice(); index++) {
        JsonObject slotConfig = config.copy().put(LlmSlot.KEY, new LlmSlot(device, index).toJson());
        deployed.add(vertx.deployVerticle(new LlmVerticle(), new DeploymentOptions().setConfig(slotConfig)));
      }
    }
    return Future.all(deployed).mapEmpty();
  }
}
