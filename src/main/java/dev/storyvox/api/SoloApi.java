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
 * {@code SoloVerticle} over the bus. A state event's {@code id} is its rank (0 PENDING, 1 PROCESSING,
 * 2 final); a reconnect with {@code Last-Event-ID} gets only newer states, and one that already has the
 * final state gets {@code 204 No Content}, which stops an EventSource from reconnecting.
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
    StateStream stream = new StateStream(StateStream.lastRank(rc.request().getHeader("last-event-id")));
    MessageConsumer<Submission> consumer = vertx.eventBus()
        .consumer(Addresses.SOLO_EVENTS + attemptId, (Message<Submission> m) -> stream.offer(m.body()));
    consumer.completion()
        .compose(v -> find(rc))
        .onSuccess(current -> {
          if (stream.hasEverything(current)) {
            consumer.unregister();
            rc.response().setStatusCode(204).end();
          } else {
            stream.open(Sse.open(vertx, rc, config.sse().keepaliveMs()).onClose(v -> consumer.unregister()), current);
          }
        })
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

    private static final int FINAL = 2;

    private Sse sse;
    private Submission held;
    private int sentRank;

    StateStream(int lastRank) {
      this.sentRank = lastRank;
    }

    /** The rank a client's {@code Last-Event-ID} names, or -1 when it names none. */
    static int lastRank(String header) {
      try {
        int rank = header == null ? -1 : Integer.parseInt(header.strip());
        return rank >= 0 && rank <= FINAL ? rank : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    /** Whether the submission is final and this client already saw its final state. */
    boolean hasEverything(Submission current) {
      return current.isFinal() && sentRank == FINAL;
    }

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
      sse.send("state", Integer.toString(sentRank), submission.view().encode());
      if (submission.isFinal()) {
        sse.end();
      }
    }

    private static int rank(Submission submission) {
      return submission.status().isFinal() ? FINAL : submission.status().ordinal();
    }
  }
}
