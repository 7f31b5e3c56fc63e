package dev.storyvox.story;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.jobs.StateFile;
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
 * Every run and its event log, kept in memory and written to {@code <outputs.dir>/<run_id>/run.json} through
 * its {@link StateFile} at every change. Each change is numbered and logged (for {@code Last-Event-ID}
 * replay); readers (status reads, lists, event streams on {@code story.events.<runId>}) see it only once it
 * is on disk. Used from one event loop only.
 */
public final class RunStore {

  /**
   * Process-local map of run id to the run's API JSON as it is on disk: status reads, by far the most frequent
   * request, are answered from it on the HTTP event loops without a bus round trip.
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

  /** A run's newest state (possibly not yet on disk), or null when unknown. */
  public Run get(String runId) {
    RunEntry entry = entries.get(runId);
    return entry == null ? null : entry.run();
  }

  /** A run as readers see it (its state on disk), or null when unknown or not yet acknowledged. */
  public Run shown(String runId) {
    RunEntry entry = entries.get(runId);
    return entry == null || !entry.onDisk() ? null : entry.shown();
  }

  /** A shown run's API JSON (cached per change), or null when unknown. */
  public String json(String runId) {
    RunEntry entry = entries.get(runId);
    return entry == null || !entry.onDisk() ? null : entry.json();
  }

  /** A run's newest shown event, or null when unknown or not yet on disk. */
  public RunUpdate lastEvent(String runId) {
    RunEntry entry = entries.get(runId);
    return entry == null ? null : entry.lastEvent();
  }

  /** The shown events of a run with an id above {@code afterId}. */
  public List<RunUpdate> eventsAfter(String runId, long afterId) {
    RunEntry entry = entries.get(runId);
    return entry == null ? List.of() : entry.eventsAfter(afterId);
  }

  /** Up to {@code limit} shown runs older than {@code before} (any id, or null for the newest), newest first. */
  public List<Run> list(int limit, String before) {
    return entries.values().stream().filter(RunEntry::onDisk).map(RunEntry::shown)
        .filter(r -> before == null || r.runId().compareTo(before) < 0)
        .sorted(NEWEST_FIRST).limit(limit).toList();
  }

  /** Every run in its newest state, newest first. */
  public List<Run> all() {
    return entries.values().stream().map(RunEntry::run).sorted(NEWEST_FIRST).toList();
  }

  /**
   * Adds a new run; completes once its {@code run.json} is on disk. When the write fails the run is forgotten
   * (its folder removed) and the future fails with the storage failure: nothing was acknowledged.
   */
  public Future<Run> add(Run run) {
    String runId = run.runId();
    entries.put(runId, new RunEntry(new StateFile(vertx, dir(runId).resolve(RunFiles.RUN), false), run, List.of(), false));
    return AtomicFiles.createFolder(vertx, dir(runId))
        .compose(v -> update(runId, UnaryOperator.identity()))
        .recover(e -> {
          entries.remove(runId);
          return vertx.fileSystem().deleteRecursive(dir(runId).toString())
              .transform(ignored -> Future.failedFuture(e));
        });
  }

  /** Applies {@code change} to a run; completes, and readers see it, once it is on disk. */
  public Future<Run> update(String runId, UnaryOperator<Run> change) {
    return change(runId, change, false);
  }

  /**
   * Applies a final {@code change}: readers see it once its write has ended, also when the disk refused it (a
   * run failing because its folder is full cannot wait for that folder). On disk the run then keeps its last
   * saved state, from which the next start resumes it.
   */
  public Future<Run> finish(String runId, UnaryOperator<Run> change) {
    return change(runId, change, true);
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

  private Future<Run> change(String runId, UnaryOperator<Run> change, boolean last) {
    RunEntry entry = entries.get(runId);
    if (entry == null || closed) {
      return Future.failedFuture(new ServiceException(ErrorCode.UNAVAILABLE,
          "run " + runId + (closed ? ": the server is stopping" : " was deleted")));
    }
    Run changed = change.apply(entry.run()).stamped(entry.run().eventId() + 1, Instant.now());
    RunUpdate update = new RunUpdate(changed.eventId(), RunJson.event(changed).encode(), changed.status().isFinal());
    entry.set(changed, update);
    Runnable publish = () -> publish(runId, entry, changed, update);
    Future<Void> saved = last ? entry.file().saveFinal(() -> snapshot(entry), publish)
        : entry.file().save(() -> snapshot(entry), publish);
    return saved.onFailure(e -> LOG.error("run {}: {}", runId, e.getMessage())).map(changed);
  }

  private void publish(String runId, RunEntry entry, Run saved, RunUpdate update) {
    if (entries.get(runId) != entry) {
      return;
    }
    entry.show(saved, update);
    views.put(runId, entry.json());
    vertx.eventBus().publish(Addresses.STORY_EVENTS + runId, update);
  }

  private static Buffer snapshot(RunEntry entry) {
    return RunJson.fileBuffer(entry.run(), entry.events());
  }

  /**
   * Loads one run folder. A folder without {@code run.json} holds a run that was never acknowledged (the process
   * died between making the folder and its first write) and is removed; temp files of interrupted writes are
   * removed; a folder whose {@code run.json} cannot be read is skipped with a warning. Never fails.
   */
  private Future<Void> loadOne(String runId) {
    String dir = dir(runId).toString();
    String file = dir(runId).resolve(RunFiles.RUN).toString();
    return vertx.fileSystem().readDir(dir)
        .compose(files -> Future.join(files.stream().filter(f -> AtomicFiles.isTemp(Path.of(f).getFileName().toString()))
            .map(f -> vertx.fileSystem().delete(f)).toList()))
        .compose(v -> vertx.fileSystem().exists(file))
        .compose(exists -> exists ? vertx.fileSystem().readFile(file).map(buffer -> entry(runId, buffer))
            .map(entry -> {
              entries.put(runId, entry);
              views.put(runId, entry.json());
              return (Void) null;
            })
            : vertx.fileSystem().deleteRecursive(dir)
                .onSuccess(v -> LOG.info("removed run folder {}: the run was never acknowledged", runId)))
        .onFailure(e -> LOG.warn("skipping run folder {}: {}", runId, e.getMessage()))
        .otherwiseEmpty();
  }

  private RunEntry entry(String runId, Buffer buffer) {
    JsonObject json = buffer.toJsonObject();
    return new RunEntry(new StateFile(vertx, dir(runId).resolve(RunFiles.RUN), false), RunJson.fromFile(json),
        RunJson.eventsFromFile(json), true);
  }
}
