package dev.storyvox.api;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.engine.PoolStatus;
import dev.storyvox.engine.WorkPools;
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
import java.util.ArrayList;
import java.util.List;

/**
 * IMYME's GPU routes. {@code POST /api/v1/gpu/warmup} answers 202 WARMING_UP once RunPod accepted a warmup
 * job (500 WARMUP_FAILED when it did not) or, with local engines (which load at startup), with their states.
 * {@code GET /api/v1/gpu/status} reports RunPod's workers and jobs from the endpoint's health, or the local
 * work pools (whisper and llama.cpp contexts, TTS, card renderer; of every node in a cluster, see
 * {@link WorkPools}): one engine entry per pool with its state, running and queued jobs, and their sums.
 * A local capability without pools (the LLM on an OpenAI-compatible server, no whisper context running)
 * appears as its owner's readiness.
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
    localEngines().onSuccess(engines -> Responses.envelope(rc, 202, warming("local").put("engines", json(engines))));
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
      long idle = engines.stream().mapToLong(EngineEntry::idle).sum();
      long running = sum(engines, "running");
      Responses.envelope(rc, 200, new JsonObject().put("backend", "local")
          .put("workers", counts("idle", idle, "running", running))
          .put("jobs", counts("inQueue", sum(engines, "queued"), "inProgress", running))
          .put("engines", json(engines)));
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

  /**
   * Every local work pool, plus, for an engine kind with no pool anywhere, its owner's readiness (UNAVAILABLE
   * when none answers).
   */
  private Future<List<EngineEntry>> localEngines() {
    return WorkPools.statuses(vertx).compose(pools -> {
      List<Future<EngineEntry>> missing = LOCAL_ENGINES.stream()
          .filter(kind -> pools.stream().noneMatch(p -> kind.equals(p.kind())))
          .map(this::engine).toList();
      return Future.join(missing).transform(ar -> {
        List<EngineEntry> entries = new ArrayList<>(missing.stream().map(Future::result).toList());
        pools.stream().map(EngineEntry::of).forEach(entries::add);
        return Future.succeededFuture(entries);
      });
    });
  }

  private Future<EngineEntry> engine(String capability) {
    return vertx.eventBus().<Readiness>request(Addresses.READY + capability, new ReadinessQuery(capability),
            new DeliveryOptions().setSendTimeout(ASK_TIMEOUT_MS))
        .map(Message::body)
        .otherwise(e -> Readiness.unavailable("no " + capability + " engine answers: " + e.getMessage()))
        .map(r -> EngineEntry.of(capability.equals("stt") ? "whisper" : capability, capability, r));
  }

  private static JsonArray json(List<EngineEntry> engines) {
    return new JsonArray(engines.stream().map(EngineEntry::json).map(Object.class::cast).toList());
  }

  private static long sum(List<EngineEntry> engines, String field) {
    return engines.stream().mapToLong(e -> e.json().getLong(field, 0L)).sum();
  }

  /** One entry of {@code engines}; {@code idle} counts the threads free to take a job, and is not shown. */
  private record EngineEntry(JsonObject json, long idle) {

    static EngineEntry of(PoolStatus pool) {
      return new EngineEntry(pool.toJson(), pool.idle());
    }

    static EngineEntry of(String name, String kind, Readiness r) {
      return new EngineEntry(new JsonObject().put("name", name).put("kind", kind).putNull("device")
          .put("state", r.state()).put("reason", r.reason()).put("running", 0).put("queued", 0),
          Readiness.READY.equals(r.state()) ? 1 : 0);
    }
  }

  private static JsonObject warming(String backend) {
    return new JsonObject().put("status", "WARMING_UP").put("backend", backend);
  }

  private static JsonObject counts(String first, long a, String second, long b) {
    return new JsonObject().put(first, a).put(second, b);
  }
}
