package dev.storyvox.solo;

import dev.storyvox.jobs.StateFile;
import dev.storyvox.store.AtomicFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submissions on disk, {@code <dir>/<attemptId>.json}, each through its {@link StateFile}: written in the order
 * of the changes, and each change shown (its {@code publish} run) only once it is on disk.
 */
final class SubmissionStore {

  private static final Logger LOG = LoggerFactory.getLogger(SubmissionStore.class);
  private static final String SUFFIX = ".json";

  private final Vertx vertx;
  private final Path dir;
  private final Map<Long, StateFile> files = new HashMap<>();

  SubmissionStore(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  /** Every stored submission; stray temp files are removed and unreadable files skipped with a warning. */
  Future<List<Submission>> loadAll() {
    return vertx.fileSystem().mkdirs(dir.toString())
        .compose(v -> vertx.fileSystem().readDir(dir.toString()))
        .compose(paths -> {
          List<Future<?>> removed = new ArrayList<>();
          List<Future<Submission>> reads = new ArrayList<>();
          for (String path : paths) {
            String name = Path.of(path).getFileName().toString();
            if (AtomicFiles.isTemp(name)) {
              removed.add(vertx.fileSystem().delete(path));
            } else if (name.endsWith(SUFFIX)) {
              reads.add(read(path));
            }
          }
          return Future.join(removed).transform(ignored -> Future.join(reads))
              .transform(ignored -> Future.succeededFuture(reads.stream()
                  .filter(Future::succeeded).map(Future::result).toList()));
        });
  }

  /** Writes {@code submission} after any earlier write of it, then runs {@code publish}. */
  Future<Void> save(Submission submission, Runnable publish) {
    return file(submission.attemptId()).save(() -> Json.encodeToBuffer(submission), publish);
  }

  /** As {@link #save}, for a final state: {@code publish} runs also when the disk refused it. */
  Future<Void> saveFinal(Submission submission, Runnable publish) {
    return file(submission.attemptId()).saveFinal(() -> Json.encodeToBuffer(submission), publish);
  }

  /** Deletes the file of {@code attemptId}, after any pending write. */
  Future<Void> delete(long attemptId) {
    StateFile file = files.remove(attemptId);
    Future<Void> settled = file == null ? Future.succeededFuture() : file.settled();
    return settled.compose(v -> vertx.fileSystem().delete(path(attemptId).toString()))
        .recover(e -> Future.succeededFuture());
  }

  /** Completes when every write asked for so far has ended. */
  Future<Void> settled() {
    return Future.join(files.values().stream().map(StateFile::settled).toList()).mapEmpty();
  }

  private StateFile file(long attemptId) {
    return files.computeIfAbsent(attemptId, id -> new StateFile(vertx, path(id), true));
  }

  private Future<Submission> read(String path) {
    return vertx.fileSystem().readFile(path)
        .map(buffer -> Json.decodeValue(buffer, Submission.class))
        .onFailure(e -> LOG.warn("skipping unreadable solo submission {}: {}", path, e.getMessage()));
  }

  private Path path(long attemptId) {
    return dir.resolve(attemptId + SUFFIX);
  }
}
