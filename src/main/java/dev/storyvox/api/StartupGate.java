package dev.storyvox.api;

import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The request handler of an HTTP server that listens while storyvox is still starting: {@code GET /health}
 * answers at once and {@code GET /ready} answers 503 with every enabled capability LOADING; any other
 * request is paused and handed to the router once it is built and the services it routes to are up
 * (within {@link #HOLD_MS}, else 503). From then on every request goes straight to the router.
 */
final class StartupGate implements Handler<HttpServerRequest> {

  /** How long a request waits for the server to finish starting. */
  static final long HOLD_MS = 60_000;
  private static final String JSON = "application/json; charset=utf-8";

  private final Context context;
  private final StoryvoxConfig config;
  private final long startedAt;
  private final List<HttpServerRequest> held = new ArrayList<>();
  private volatile Handler<HttpServerRequest> router;

  StartupGate(Context context, StoryvoxConfig config, long startedAt) {
    this.context = context;
    this.config = config;
    this.startedAt = startedAt;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Handler<HttpServerRequest> open = router;
    if (open != null) {
      open.handle(request);
    } else if (request.method() == HttpMethod.GET && "/health".equals(request.path())) {
      answer(request, 200, OpsApi.healthBody(startedAt));
    } else if (request.method() == HttpMethod.GET && "/ready".equals(request.path())) {
      answer(request, 503, OpsApi.startingBody(config));
    } else {
      request.pause();
      held.add(request);
      context.owner().setTimer(HOLD_MS, id -> {
        if (held.remove(request)) {
          request.resume();
          answer(request, 503, new JsonObject().put("error", new JsonObject().put("code", "UNAVAILABLE")
              .put("message", "the server is still starting; retry shortly")));
        }
      });
    }
  }

  /** Sends every request to {@code next} once {@code startup}'s services are up; releases the held ones. */
  void open(Startup startup, Handler<HttpServerRequest> next) {
    startup.whenServicesUp(context, () -> {
      router = next;
      List<HttpServerRequest> waiting = List.copyOf(held);
      held.clear();
      waiting.forEach(next::handle);
    });
  }

  private static void answer(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("content-type", JSON).end(body.encode());
  }
}
