package dev.storyvox.story;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.store.AtomicFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every run and its event log, kept in memory and written to {@code <outputs.dir>/<run_id>/run.json}
 * atomically at every change. Each change is numbered, logged (for {@code Last-Event-ID} replay) and
 * published on {@code story.events.<runId>}. Used from one event loop only.
 */
public final class RunStore {

  /**
   * Process-local map of run id to the run's API JSON, refreshed at every change: status reads, by far the
   * most frequent request, are answered from it on the HTTP event loops without a bus round trip.
   */
  public static final String VIEWS = "storyvox.run-views";
  private static final Logger LOG = LoggerFactory.getLogger(RunStore.class);
  private static final Comparator<Run> NEWEST_FIRST = Comparator.comparing(Run::runId).reversed();

  private final Vertx vertx;
  private final Path root;
  private final Map<String, RunEntry> entries = new HashMap<>();
  private final LocalMap<String, String> views;
  private boolean closed;

  public RunStore(Vertx vertx, Path root) {
    this.vertx = vertx;
    this.root = root;
    this.views = vertx.sharedData().getLocalMap(VIEWS);
  }

  /** Loads every run found under the outputs folder; unreadable ones are logged and skipped. */
  public Future<List<Run>> load() {
    return vertx.fileSystem().mkdirs(root.toString())
        .compose(v -> vertx.fileSystem().readDir(root.toString()))
        .compose(paths -> Future.join(paths.stream().map(p -> Path.of(p).getFileName().toString())
            .filter(RunIds::isValid).map(this::loadOne).toList()))
        .map(loaded -> {
          List<Run> runs = entries.values().stream().map(RunEntry::run).sorted(NEWEST_FIRST).toList();
          LOG.info("loaded {} runs from {}", runs.size(), root);
          return runs;
        });
  }

  /** The folder of a run's files. */
  public Path dir(String runId) {
    return root.resolve(runId);
  }

  /** A run, or null when unknown. */
  public Run get(String runId) {
    RunEntry entry = entries.get(runId);
    return entry == null ? null : entry.run();
  }

  /** A run's API JSON (cached per change), or null when unknown. */
  public String json(String runId) {
    RunEntry entry = entries.get(runId);
    return entry == null ? null : entry.json();
  }

  /** A run's newest logged event, or null when unknown or not yet logged. */
  public RunUpdate lastEvent(String runId) {
    RunEntry entry = entries.get(runId);
    return entry == null ? null : entry.lastEvent();
  }

  /** The logged events of a run with an id above {@code afterId}. */
  public List<RunUpdate> eventsAfter(String runId, long afterId) {
    RunEntry entry = entries.get(runId);
    return entry == null ? List.of() : entry.eventsAfter(afterId);
  }

  /** Up to {@code limit} runs older than {@code before} (any id, or null for the newest), newest first. */
  public List<Run> list(int limit, String before) {
    return entries.values().stream().map(RunEntry::run)
        .filter(r -> before == null || r.runId().compareTo(before) < 0)
        .sorted(NEWEST_FIRST).limit(limit).toList();
  }

  /** Every run, newest first. */
  public List<Run> all() {
    return list(Integer.MAX_VALUE, null);
  }

  /** Adds a new run; completes when its {@code run.json} is on disk. */
  public Future<Run> add(Run run) {
    entries.put(run.runId(), new RunEntry(run, List.of()));
    return update(run.runId(), UnaryOperator.identity());
  }

  /** Applies {@code change} to a run, logs and publishes it; completes when it is on disk. */
  public Future<Run> update(String runId, UnaryOperator<Run> change) {
    RunEntry entry = entries.get(runId);
    if (entry == null || closed) {
      return Future.failedFuture(new IllegalStateException("run " + runId + (closed ? ": store closed" : " was deleted")));
    }
    Run changed = change.apply(entry.run()).stamped(entry.run().eventId() + 1, Instant.now());
    RunUpdate update = new RunUpdate(changed.eventId(), RunJson.event(changed).encode(), changed.status().isFinal());
    entry.set(changed, update);
    views.put(runId, entry.json());
    vertx.eventBus().publish(Addresses.STORY_EVENTS + runId, update);
    return entry.save(() -> write(runId, entry)).map(changed);
  }

  /**
   * Refuses every later change, so work still finishing while the process stops cannot overwrite what
   * the next start resumes from; completes when the writes already asked for are done.
   */
  public Future<Void> close() {
    closed = true;
    return Future.join(entries.values().stream().map(RunEntry::settled).toList()).mapEmpty();
  }

  /** Forgets a run and deletes its folder once its pending writes are done. */
  public Future<Void> delete(String runId) {
    RunEntry entry = entries.remove(runId);
    views.remove(runId);
    if (entry == null) {
      return Future.succeededFuture();
    }
    return entry.settled().compose(v -> vertx.fileSystem().deleteRecursive(dir(runId).toString()));
  }

  private Future<Void> write(String runId, RunEntry entry) {
    if (!entries.containsKey(runId)) {
      return Future.succeededFuture();
    }
    Buffer json = RunJson.file(entry.run(), entry.events()).toBuffer();
    return AtomicFiles.write(vertx, dir(runId).resolve(RunFiles.RUN), json)
        .recover(e -> {
          LOG.error("cannot save run {}: {}", runId, e.toString());
          return Future.failedFuture(new ServiceException(ErrorCode.UNAVAILABLE, "run " + runId
              + " could not be saved: the outputs folder refused the write (see the server log)", e));
        });
  }

  private Future<Void> loadOne(String runId) {
    return vertx.fileSystem().readFile(dir(runId).resolve(RunFiles.RUN).toString())
        .map(buffer -> {
          JsonObject json = buffer.toJsonObject();
          RunEntry entry = new RunEntry(RunJson.fromFile(json), RunJson.eventsFromFile(json));
          entries.put(runId, entry);
          views.put(runId, entry.json());
          return (Void) null;
        })
        .onFailure(e -> LOG.warn("skipping run folder {}: {}", runId, e.getMessage()));
  }
}
