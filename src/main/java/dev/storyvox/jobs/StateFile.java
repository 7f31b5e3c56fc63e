package dev.storyvox.jobs;

import dev.storyvox.bus.Failures;
import dev.storyvox.store.AtomicFiles;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The state file of one job and the acknowledgement rule every feature shares: a change is published
 * (status reads, event streams, callbacks) only once a write that holds it is on disk. Writes happen in the
 * order of the changes, one at a time ({@link AtomicFiles}: temp file, fsync, rename, fsync of the folder);
 * changes made in the same event-loop turn, or while one is in flight, share the single write queued behind
 * it, which saves the job as it is when that write starts. Used from one event loop.
 */
public final class StateFile {

  private final Vertx vertx;
  private final Path file;
  private final boolean createsFolder;
  private Future<Void> tail = Future.succeededFuture();
  private Batch queued;

  /**
   * @param createsFolder whether a write creates the file's folder when it is missing; a job whose folder
   *     holds its other files too says no, so a folder that vanished is not made again half-empty
   */
  public StateFile(Vertx vertx, Path file, boolean createsFolder) {
    this.vertx = vertx;
    this.file = file;
    this.createsFolder = createsFolder;
  }

  /** The file's path. */
  public Path path() {
    return file;
  }

  /**
   * Saves the job as {@code snapshot} gives it when the write starts, then runs {@code publish}. Fails with
   * the write's {@link dev.storyvox.store.StorageFailure}, and then {@code publish} never runs.
   */
  public Future<Void> save(Supplier<Buffer> snapshot, Runnable publish) {
    boolean fresh = queued == null;
    if (fresh) {
      queued = new Batch();
    }
    Batch batch = queued;
    batch.snapshot = snapshot;
    batch.publish.add(publish);
    if (fresh) {
      Future<Void> previous = tail;
      tail = batch.done.future();
      Context context = vertx.getOrCreateContext();
      previous.onComplete(ignored -> context.runOnContext(v -> start(batch)));
    }
    return batch.done.future();
  }

  /**
   * Saves a final state that must be shown whatever the disk says: {@code publish} runs once the write has
   * ended, also when it failed (the failure is still returned). A job that fails because the folder is full
   * cannot wait for that folder to take its failure.
   */
  public Future<Void> saveFinal(Supplier<Buffer> snapshot, Runnable publish) {
    return save(snapshot, () -> { }).andThen(ar -> publish.run());
  }

  /** Completes, never failing, once every write asked for so far has ended. */
  public Future<Void> settled() {
    return tail.transform(ignored -> Future.succeededFuture());
  }

  private void start(Batch batch) {
    if (queued == batch) {
      queued = null;
    }
    Future<Void> write;
    try {
      write = AtomicFiles.write(vertx, file, batch.snapshot.get(), createsFolder);
    } catch (RuntimeException e) {
      write = Future.failedFuture(e);
    }
    write.onSuccess(v -> batch.publish.forEach(Runnable::run))
        .<Void>transform(ar -> ar.succeeded() ? Future.succeededFuture()
            : Future.failedFuture(Failures.toService(ar.cause())))
        .onComplete(batch.done);
  }

  private static final class Batch {
    private final Promise<Void> done = Promise.promise();
    private final List<Runnable> publish = new ArrayList<>();
    private Supplier<Buffer> snapshot;
  }
}
