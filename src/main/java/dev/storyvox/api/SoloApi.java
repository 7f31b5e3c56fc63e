package dev.storyvox.api;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.Failures;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.solo.SoloQuery;
import dev.storyvox.solo.SoloRequest;
import dev.storyvox.solo.Submission;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * IMYME solo feedback: {@code POST /api/v1/solo/submissions} (202 PENDING), {@code GET …/{attemptId}} and
 * {@code GET …/{attemptId}/events} (SSE of {@code state} events until a final status), all answered by
 * {@code SoloVerticle} over the bus.
 */
public final class SoloApi implements Api {

  private static final String PATH = "/api/v1/solo/submissions/";

  private final Vertx vertx;
  private final StoryvoxConfig config;

  public SoloApi(Vertx vertx, StoryvoxConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("soloSubmit").addHandler(this::submit);
    builder.getRoute("soloGet").addHandler(this::get);
    builder.getRoute("soloEvents").addHandler(this::events);
  }

  private void submit(RoutingContext rc) {
    SoloRequest request = SoloRequest.fromJson(rc.body().asJsonObject());
    vertx.eventBus().<Submission>request(Addresses.SOLO_SUBMIT, request)
        .onSuccess(reply -> {
          rc.response().putHeader("Location", PATH + request.attemptId());
          Responses.envelope(rc, 202, new JsonObject().put("attemptId", request.attemptId())
              .put("status", reply.body().status().name()));
        })
        .onFailure(e -> rc.fail(Failures.toService(e)));
  }

  private void get(RoutingContext rc) {
    find(rc).onSuccess(submission -> Responses.envelope(rc, 200, submission.view()))
        .onFailure(e -> rc.fail(Failures.toService(e)));
  }

  private void events(RoutingContext rc) {
    long attemptId = attemptId(rc);
    StateStream stream = new StateStream();
    MessageConsumer<Submission> consumer = vertx.eventBus()
        .consumer(Addresses.SOLO_EVENTS + attemptId, (Message<Submission> m) -> stream.offer(m.body()));
    consumer.completion()
        .compose(v -> find(rc))
        .onSuccess(current -> stream.open(Sse.open(vertx, rc, config.sse().keepaliveMs())
            .onClose(v -> consumer.unregister()), current))
        .onFailure(e -> {
          consumer.unregister();
          rc.fail(Failures.toService(e));
        });
  }

  private Future<Submission> find(RoutingContext rc) {
    return vertx.eventBus().<Submission>request(Addresses.SOLO_GET, new SoloQuery(attemptId(rc))).map(Message::body);
  }

  private static long attemptId(RoutingContext rc) {
    return Long.parseLong(rc.pathParam("attemptId"));
  }

  /**
   * One client's view of a submission: sends each state newer than the last one sent (events that
   * arrive before the stream opens are held), and ends the stream after a final state.
   */
  private static final class StateStream {

    private Sse sse;
    private Submission held;
    private int sentRank = -1;

    void open(Sse opened, Submission current) {
      sse = opened;
      offer(current);
      if (held != null) {
        offer(held);
      }
    }

    void offer(Submission submission) {
      if (sse == null) {
        held = held == null || rank(submission) > rank(held) ? submission : held;
        return;
      }
      if (rank(submission) <= sentRank || sse.closed()) {
        return;
      }
      sentRank = rank(submission);
      sse.send("state", null, submission.view().encode());
      if (submission.isFinal()) {
        sse.end();
      }
    }

    private static int rank(Submission submission) {
      return submission.status().isFinal() ? 2 : submission.status().ordinal();
    }
  }
}
