package dev.storyvox.api;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.openapi.contract.OpenAPIContract;

/**
 * Parses the API contract ({@value HttpVerticle#CONTRACT}) once per Vert.x instance, on a worker thread: the
 * parse (YAML, the OpenAPI meta-schema check, {@code $ref} resolution) takes about a second of CPU at startup,
 * and on an event loop it would hold up the {@code /health} and {@code /ready} answers of the startup gate.
 * {@link #contract} deploys it on first use, when the first HTTP verticle listens.
 */
public final class ContractVerticle extends VerticleBase {

  private static final String MAP = "storyvox.contract";
  private final Promise<OpenAPIContract> parsed;

  private ContractVerticle(Promise<OpenAPIContract> parsed) {
    this.parsed = parsed;
  }

  /** The parsed contract of this Vert.x instance; the first call starts the parse. */
  public static Future<OpenAPIContract> contract(Vertx vertx) {
    LocalMap<String, Holder> map = vertx.sharedData().getLocalMap(MAP);
    Holder fresh = new Holder(Promise.promise());
    Holder held = map.putIfAbsent(MAP, fresh);
    if (held != null) {
      return held.parsed.future();
    }
    vertx.deployVerticle(new ContractVerticle(fresh.parsed),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .onFailure(fresh.parsed::tryFail);
    return fresh.parsed.future();
  }

  @Override
  public Future<?> start() {
    return OpenAPIContract.from(vertx, HttpVerticle.CONTRACT).onComplete(parsed);
  }

  /** The process-wide parse result, kept in a local map. */
  private record Holder(Promise<OpenAPIContract> parsed) implements Shareable {
  }
}
