package dev.storyvox.api;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.runpod.RunPodHealth;
import dev.storyvox.stt.SttVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;

/**
 * IMYME's GPU routes. {@code POST /api/v1/gpu/warmup} answers 202 WARMING_UP once RunPod accepted a warmup
 * job (500 WARMUP_FAILED when it did not) or, with local engines (which load at startup), with their states.
 * {@code GET /api/v1/gpu/status} reports RunPod's workers and jobs from the endpoint's health, or the local
 * engines' readiness.
 */
public final class GpuApi implements Api {

  private static final List<String> LOCAL_ENGINES = List.of("stt", "llm");
  private static final long ASK_TIMEOUT_MS = 5000;
  private static final long WARMUP_TIMEOUT_MS = 60_000;

  private final Vertx vertx;
  private final StoryvoxConfig config;
  private final boolean runpod;

  public GpuApi(Vertx vertx, StoryvoxConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.runpod = SttVerticle.usesRunPod(config);
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("gpuWarmup").addHandler(this::warmup);
    builder.getRoute("gpuStatus").addHandler(this::status);
  }

  private void warmup(RoutingContext rc) {
    if (runpod) {
      vertx.eventBus().<String>request(Addresses.RUNPOD_WARMUP, RequestIds.of(rc),
              new DeliveryOptions().setSendTimeout(WARMUP_TIMEOUT_MS))
          .onSuccess(job -> Responses.envelope(rc, 202, warming("runpod").put("jobId", job.body())))
          .onFailure(rc::fail);
      return;
    }
    localEngines().onSuccess(engines -> Responses.envelope(rc, 202, warming("local").put("engines", engines)));
  }

  private void status(RoutingContext rc) {
    if (runpod) {
      vertx.eventBus().<RunPodHealth>request(Addresses.RUNPOD_HEALTH, new ReadinessQuery("runpod"),
              new DeliveryOptions().setSendTimeout(ASK_TIMEOUT_MS))
          .map(Message::body)
          .onSuccess(health -> Responses.envelope(rc, 200, runPodStatus(health)))
          .onFailure(rc::fail);
      return;
    }
    localEngines().onSuccess(engines -> {
      long ready = engines.stream().filter(e -> Readiness.READY.equals(((JsonObject) e).getString("state"))).count();
      Responses.envelope(rc, 200, new JsonObject().put("backend", "local")
          .put("workers", counts("idle", ready, "running", 0))
          .put("jobs", counts("inQueue", 0, "inProgress", 0))
          .put("engines", engines));
    });
  }

  private JsonObject runPodStatus(RunPodHealth health) {
    JsonObject endpoint = new JsonObject().put("name", "runpod:" + config.runpod().endpointId()).putNull("device")
        .put("state", Readiness.READY).put("queued", health.inQueue());
    return new JsonObject().put("backend", "runpod")
        .put("workers", counts("idle", health.idleWorkers(), "running", health.runningWorkers()))
        .put("jobs", counts("inQueue", health.inQueue(), "inProgress", health.inProgress()))
        .put("engines", new JsonArray().add(endpoint));
  }

  /** The readiness of each local engine, as its owner answers it (UNAVAILABLE when none answers). */
  private Future<JsonArray> localEngines() {
    List<Future<JsonObject>> answers = LOCAL_ENGINES.stream().map(this::engine).toList();
    return Future.join(answers).transform(ar -> Future.succeededFuture(
        new JsonArray(answers.stream().map(Future::result).map(Object.class::cast).toList())));
  }

  private Future<JsonObject> engine(String capability) {
    return vertx.eventBus().<Readiness>request(Addresses.READY + capability, new ReadinessQuery(capability),
            new DeliveryOptions().setSendTimeout(ASK_TIMEOUT_MS))
        .map(Message::body)
        .otherwise(e -> Readiness.unavailable("no " + capability + " engine answers: " + e.getMessage()))
        .map(r -> new JsonObject().put("name", capability.equals("stt") ? "whisper" : capability).putNull("device")
            .put("state", r.state()).put("reason", r.reason()));
  }

  private static JsonObject warming(String backend) {
    return new JsonObject().put("status", "WARMING_UP").put("backend", backend);
  }

  private static JsonObject counts(String first, long a, String second, long b) {
    return new JsonObject().put(first, a).put(second, b);
  }
}
