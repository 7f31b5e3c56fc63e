package dev.storyvox.api;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.Failures;
import dev.storyvox.story.RunQuery;
import dev.storyvox.story.RunSnapshot;
import dev.storyvox.story.RunUpdate;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/runs/{run_id}/events}: each client gets its own consumer of {@code story.events.<runId>},
 * registered before the run is read so no update falls in between. The stream starts with the current
 * state (or, with {@code Last-Event-ID}, the logged updates the client missed), forwards every later
 * update once and in order, and ends after a final one.
 */
final class RunEventStream implements Handler<RoutingContext> {

  private static final String EVENT = "update";

  private final Vertx vertx;
  private final long keepaliveMs;

  RunEventStream(Vertx vertx, long keepaliveMs) {
    this.vertx = vertx;
    this.keepaliveMs = keepaliveMs;
  }

  @Override
  public void handle(RoutingContext rc) {
    String runId = RunsApi.runId(rc);
    long lastEventId = lastEventId(rc.request().getHeader("last-event-id"));
    Client client = new Client();
    MessageConsumer<RunUpdate> consumer = vertx.eventBus().consumer(Addresses.STORY_EVENTS + runId,
        m -> client.update(m.body()));
    consumer.completion()
        .compose(v -> vertx.eventBus().<RunSnapshot>request(Addresses.STORY_GET, new RunQuery(runId, lastEventId)))
        .onSuccess(reply -> client.open(Sse.open(vertx, rc, keepaliveMs).onClose(v -> consumer.unregister()),
            reply.body(), lastEventId))
        .onFailure(e -> {
          consumer.unregister();
          rc.fail(Failures.toService(e));
        });
  }

  private static long lastEventId(String header) {
    try {
      return header == null ? -1 : Math.max(-1, Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** One subscriber: updates that arrive before the stream opens wait, then every update goes out once. */
  private static final class Client {

    private final List<RunUpdate> early = new ArrayList<>();
    private Sse sse;
    private long lastSent;

    void open(Sse stream, RunSnapshot snapshot, long lastEventId) {
      sse = stream;
      RunUpdate current = snapshot.current();
      if (lastEventId < 0 || lastEventId > current.id()) {
        lastSent = current.id() - 1;
        update(current);
      } else {
        lastSent = lastEventId;
        snapshot.missed().forEach(this::update);
        if (current.last()) {
          sse.end();
        }
      }
      early.forEach(this::update);
      early.clear();
    }

    void update(RunUpdate update) {
      if (sse == null) {
        early.add(update);
        return;
      }
      if (update.id() <= lastSent || sse.closed()) {
        return;
      }
      lastSent = update.id();
      sse.send(EVENT, Long.toString(update.id()), update.data());
      if (update.last()) {
        sse.end();
      }
    }
  }
}
