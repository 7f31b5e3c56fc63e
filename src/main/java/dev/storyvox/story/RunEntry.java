package dev.storyvox.story;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One run in the store: its current state, its event log and the writes of its {@code run.json}. Writes
 * are serialised and coalesced: while one is in flight, later changes share the single write queued
 * behind it, which saves the state as it is when that write starts.
 */
final class RunEntry {

  private Run run;
  private String json;
  private final List<RunUpdate> events;
  private Future<Void> tail = Future.succeededFuture();
  private Promise<Void> queued;

  RunEntry(Run run, List<RunUpdate> events) {
    this.run = run;
    this.events = new ArrayList<>(events);
  }

  Run run() {
    return run;
  }

  void set(Run changed, RunUpdate update) {
    run = changed;
    json = null;
    events.add(update);
  }

  /** The run as its API JSON, made once per change (status reads are far more frequent than changes). */
  String json() {
    if (json == null) {
      json = RunJson.run(run).encode();
    }
    return json;
  }

  /** The newest logged event, or null before the first. */
  RunUpdate lastEvent() {
    return events.isEmpty() ? null : events.get(events.size() - 1);
  }

  List<RunUpdate> events() {
    return List.copyOf(events);
  }

  List<RunUpdate> eventsAfter(long id) {
    return events.stream().filter(e -> e.id() > id).toList();
  }

  /** Saves with {@code write}; completes once a write that began after this call has finished. */
  Future<Void> save(Supplier<Future<Void>> write) {
    if (queued != null) {
      return queued.future();
    }
    Promise<Void> next = Promise.promise();
    queued = next;
    Future<Void> previous = tail;
    tail = next.future();
    previous.onComplete(ignored -> {
      queued = null;
      write.get().onComplete(next);
    });
    return next.future();
  }

  /** Completes when every write asked for so far has finished. */
  Future<Void> settled() {
    return tail.transform(ignored -> Future.succeededFuture());
  }
}
