package dev.storyvox.api;

import dev.storyvox.Version;
import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.engine.PoolStatus;
import dev.storyvox.engine.PoolSummary;
import dev.storyvox.engine.WorkPools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Operations routes: {@code /health}, {@code /ready} (asks each capability's owner over the bus; a capability
 * served by work pools, such as N whisper or llama.cpp contexts, is the aggregate of all of them, see
 * {@link PoolSummary}, and every pool's state and counts are listed under {@code pools}),
 * {@code /metrics}, {@code /docs}, {@code /openapi.yaml} and {@code /} (the web page for a client whose
 * {@code Accept} prefers HTML, the health body for everyone else).
 */
public final class OpsApi implements Api {

  /** The capabilities {@code /ready} reports, in order. */
  public static final List<String> CAPABILITIES = List.of("stt", "vad", "llm", "comfyui", "tts", "runpod",
      "storage");
  private static final long READY_TIMEOUT_MS = 2000;
  private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml");

  private final Vertx vertx;
  private final StoryvoxConfig config;
  private final Buffer contract;
  private final Buffer docsPage;
  private final Buffer webPage;
  private final long startedAt;

  public OpsApi(Vertx vertx, StoryvoxConfig config, long startedAt, Buffer contract,
      Buffer docsPage, Buffer webPage) {
    this.vertx = vertx;
    this.config = config;
    this.startedAt = startedAt;
    this.contract = contract;
    this.docsPage = docsPage;
    this.webPage = webPage;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("health").addHandler(this::health);
    builder.getRoute("root").addHandler(this::root);
    builder.getRoute("ready").addHandler(this::ready);
    builder.getRoute("metrics").addHandler(metricsHandler());
    builder.getRoute("docs").addHandler(rc -> rc.response()
        .putHeader("content-type", "text/html; charset=utf-8").end(docsPage));
    builder.getRoute("openapi").addHandler(rc -> rc.response()
        .putHeader("content-type", "application/yaml; charset=utf-8").end(contract));
  }

  private void health(RoutingContext rc) {
    Responses.json(rc, 200, healthBody(startedAt));
  }

  /** The {@code /health} body of a server started at {@code startedAt} (epoch millis). */
  static JsonObject healthBody(long startedAt) {
    return new JsonObject().put("status", "ok").put("version", Version.get())
        .put("uptimeSeconds", (System.currentTimeMillis() - startedAt) / 1000);
  }

  /** The {@code /ready} body while the router is being built: every enabled capability LOADING. */
  static JsonObject startingBody(StoryvoxConfig config) {
    JsonObject capabilities = new JsonObject();
    for (String capability : CAPABILITIES) {
      Readiness r = disabledByConfig(config, capability);
      r = r != null ? r : Readiness.loading("starting: the server is being deployed");
      capabilities.put(capability, new JsonObject().put("state", r.state()).put("reason", r.reason()));
    }
    return new JsonObject().put("ready", false).put("capabilities", capabilities).put("pools", new JsonArray());
  }

  private void root(RoutingContext rc) {
    rc.response().putHeader(HttpHeaders.VARY, "Accept");
    if (!prefersHtml(rc.parsedHeaders().accept())) {
      health(rc);
      return;
    }
    rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").end(webPage);
  }

  /** Whether the most wanted media range of an {@code Accept} header (sorted by weight) is an HTML page. */
  static boolean prefersHtml(List<MIMEHeader> accepted) {
    return !accepted.isEmpty() && HTML.contains(accepted.get(0).value().toLowerCase(Locale.ROOT));
  }

  private void ready(RoutingContext rc) {
    List<Future<Readiness>> answers = CAPABILITIES.stream().map(this::readiness).toList();
    Future<List<PoolStatus>> pools = WorkPools.statuses(vertx);
    Future.join(Future.join(answers), pools).onComplete(ignored -> {
      List<PoolStatus> all = pools.succeeded() ? pools.result() : List.of();
      Map<String, Object> capabilities = new LinkedHashMap<>();
      boolean ready = true;
      for (int i = 0; i < CAPABILITIES.size(); i++) {
        PoolSummary summary = PoolSummary.of(CAPABILITIES.get(i), all);
        Readiness r = summary != null ? summary.readiness() : answers.get(i).result();
        capabilities.put(CAPABILITIES.get(i), summary != null ? summary.toJson()
            : new JsonObject().put("state", r.state()).put("reason", r.reason()));
        ready &= Readiness.READY.equals(r.state()) || Readiness.DISABLED.equals(r.state());
      }
      Responses.json(rc, ready ? 200 : 503, new JsonObject().put("ready", ready)
          .put("capabilities", new JsonObject(capabilities))
          .put("pools", new JsonArray(all.stream().map(PoolStatus::toJson).map(Object.class::cast).toList())));
    });
  }

  private Future<Readiness> readiness(String capability) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(READY_TIMEOUT_MS);
    return vertx.eventBus().<Readiness>request(Addresses.READY + capability, new ReadinessQuery(capability), options)
        .map(message -> message.body())
        .recover(e -> Future.succeededFuture(withoutOwner(capability, e)));
  }

  private Readiness withoutOwner(String capability, Throwable e) {
    boolean noHandler = e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS;
    Readiness disabled = disabledByConfig(config, capability);
    if (disabled != null) {
      return disabled;
    }
    if ("vad".equals(capability) && noHandler) {
      return Readiness.disabled("no speech-to-text entry runs here (VAD runs beside it)");
    }

    return Readiness.unavailable(noHandler
        ? "no " + capability + " engine is running"
        : capability + " did not answer: " + e.getMessage());
  }

  private static Readiness disabledByConfig(StoryvoxConfig config, String capability) {
    return switch (capability) {
      case "comfyui" -> config.comfyui().enabled() ? null
          : Readiness.disabled("comfyui.url is empty: illustration cards are drawn in Java");
      case "runpod" -> config.runpod().configured() && !"local".equals(config.stt().backend()) ? null
          : Readiness.disabled("RunPod is not used (stt.backend=" + config.stt().backend()
              + (config.runpod().configured() ? ")" : ", RUNPOD_API_KEY/RUNPOD_ENDPOINT_ID not set)"));
      case "tts" -> "none".equals(config.tts().engine()) ? Readiness.disabled("tts.engine is none") : null;
      case "vad" -> "none".equals(config.stt().vad()) ? Readiness.disabled("stt.vad is none") : null;
      default -> null;
    };
  }

  private io.vertx.core.Handler<RoutingContext> metricsHandler() {
    if (!vertx.isMetricsEnabled()) {
      return rc -> rc.fail(new ServiceException(ErrorCode.UNAVAILABLE, "metrics are not enabled in this process"));
    }
    return PrometheusScrapingHandler.create();
  }
}
