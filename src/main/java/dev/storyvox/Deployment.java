package dev.storyvox;

import dev.storyvox.api.HttpVerticle;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.story.StoryVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

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
    return vertx.deployVerticle(new StoryVerticle(), new DeploymentOptions().setConfig(config))
        .compose(story -> vertx.deployVerticle(HttpVerticle::new, http))
        .map(id -> (Integer) vertx.sharedData().getLocalMap(HttpVerticle.LOCAL_MAP).get(HttpVerticle.PORT_KEY));
  }
}
