package dev.storyvox.api;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.Failures;
import dev.storyvox.story.RunQuery;
import dev.storyvox.story.RunSnapshot;
import dev.storyvox.story.RunUpdate;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/runs/{run_id}/events}. The clients of one run on this event loop share one consumer of
 * {@code story.events.<runId>}, registered before the run is read so no update falls in between, and
 * unregistered when the last of them goes away; each update is framed once and the same bytes go to every
 * client. A stream starts with the current state (or, with {@code Last-Event-ID}, the logged updates the
 * client missed), forwards every later update once and in order, and ends after a final one. A reconnect
 * to a final run whose {@code Last-Event-ID} is its last event is answered {@code 204 No Content}.
 *
 * <p>One instance per HTTP verticle: its state is only touched on that verticle's event loop.
 */
final class RunEventStream implements Handler<RoutingContext> {

  private static final String EVENT = "update";

  private final Vertx vertx;
  private final long keepaliveMs;
  private final Map<String, Topic> topics = new HashMap<>();

  RunEventStream(Vertx vertx, long keepaliveMs) {
    this.vertx = vertx;
    this.keepaliveMs = keepaliveMs;
  }

  @Override
  public void handle(RoutingContext rc) {
    String runId = RunsApi.runId(rc);
    long lastEventId = lastEventId(rc.request().getHeader("last-event-id"));
    Topic topic = topics.computeIfAbsent(runId, Topic::new);
    Client client = topic.join();
    topic.ready
        .compose(v -> vertx.eventBus().<RunSnapshot>request(Addresses.STORY_GET, new RunQuery(runId, lastEventId)))
        .onSuccess(reply -> {
          if (rc.response().closed() || hasEverything(reply.body(), lastEventId)) {
            topic.leave(client);
            if (!rc.response().closed()) {
              rc.response().setStatusCode(204).end();
            }
            return;
          }
          client.open(Sse.open(vertx, rc, keepaliveMs).onClose(v -> topic.leave(client)), reply.body(), lastEventId);
        })
        .onFailure(e -> {
          topic.leave(client);
          rc.fail(Failures.toService(e));
        });
  }

  /**
   * Whether the run is final and the client already saw its last event: the stream is answered 204 No
   * Content, which tells an EventSource to stop reconnecting.
   */
  private static boolean hasEverything(RunSnapshot snapshot, long lastEventId) {
    return snapshot.current().last() && lastEventId == snapshot.current().id();
  }

  private static long lastEventId(String header) {
    try {
      return header == null ? -1 : Math.max(-1, Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The clients of one run on this event loop and their shared consumer. */
  private final class Topic {

    private final String runId;
    private final List<Client> clients = new ArrayList<>();
    private final MessageConsumer<RunUpdate> consumer;
    private final Future<Void> ready;

    Topic(String runId) {
      this.runId = runId;
      this.consumer = vertx.eventBus().localConsumer(Addresses.STORY_EVENTS + runId, m -> publish(m.body()));
      this.ready = consumer.completion();
    }

    Client join() {
      Client client = new Client();
      clients.add(client);
      return client;
    }

    void leave(Client client) {
      clients.remove(client);
      if (clients.isEmpty() && topics.remove(runId, this)) {
        consumer.unregister();
      }
    }

    private void publish(RunUpdate update) {
      Buffer frame = clients.size() > 1 ? Sse.sharedFrame(EVENT, Long.toString(update.id()), update.data())
          : Sse.frame(EVENT, Long.toString(update.id()), update.data());
      for (Client client : List.copyOf(clients)) {
        client.update(update, frame);
      }
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
        update(current, null);
      } else {
        lastSent = lastEventId;
        snapshot.missed().forEach(missed -> update(missed, null));
        if (current.last()) {
          sse.end();
        }
      }
      early.forEach(update -> update(update, null));
      early.clear();
    }

    /** Sends {@code update} unless already sent; {@code frame} is its bytes when the caller framed it. */
    void update(RunUpdate update, Buffer frame) {
      if (sse == null) {
        early.add(update);
        return;
      }
      if (update.id() <= lastSent || sse.closed()) {
        return;
      }
      lastSent = update.id();
      sse.sendFrame(frame != null ? frame : Sse.frame(EVENT, Long.toString(update.id()), update.data()));
      if (update.last()) {
        sse.end();
      }
    }
  }
}
