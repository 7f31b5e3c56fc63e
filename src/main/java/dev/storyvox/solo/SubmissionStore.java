package dev.storyvox.solo;

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
 * Submissions on disk: {@code <dir>/<attemptId>.json}, each written atomically. Writes of one submission
 * happen in the order they were asked for, so the file always holds its latest state.
 */
final class SubmissionStore {

  private static final Logger LOG = LoggerFactory.getLogger(SubmissionStore.class);
  private static final String SUFFIX = ".json";

  private final Vertx vertx;
  private final Path dir;
  private final Map<Long, Future<Void>> lastWrite = new HashMap<>();

  SubmissionStore(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  /** Every stored submission; stray temp files are removed and unreadable files skipped with a warning. */
  Future<List<Submission>> loadAll() {
    return vertx.fileSystem().mkdirs(dir.toString())
        .compose(v -> vertx.fileSystem().readDir(dir.toString()))
        .compose(files -> {
          List<Future<Submission>> reads = new ArrayList<>();
          for (String file : files) {
            String name = Path.of(file).getFileName().toString();
            if (AtomicFiles.isTemp(name)) {
              vertx.fileSystem().delete(file);
            } else if (name.endsWith(SUFFIX)) {
              reads.add(read(file));
            }
          }
          return Future.join(reads).transform(ignored -> Future.succeededFuture(reads.stream()
              .filter(Future::succeeded).map(Future::result).toList()));
        });
  }

  /** Writes {@code submission}, after any earlier write of the same attempt. */
  Future<Void> save(Submission submission) {
    Future<Void> previous = lastWrite.getOrDefault(submission.attemptId(), Future.succeededFuture());
    Future<Void> write = previous.transform(ignored -> AtomicFiles.write(vertx, file(submission.attemptId()),
            Json.encodeToBuffer(submission)))
        .onFailure(e -> LOG.error("cannot store solo submission {}: {}", submission.attemptId(), e.getMessage()));
    lastWrite.put(submission.attemptId(), write);
    write.onComplete(ar -> lastWrite.remove(submission.attemptId(), write));
    return write;
  }

  /** Deletes the file of {@code attemptId}, after any pending write. */
  Future<Void> delete(long attemptId) {
    Future<Void> previous = lastWrite.getOrDefault(attemptId, Future.succeededFuture());
    return previous.eventually(() -> vertx.fileSystem().delete(file(attemptId).toString()))
        .recover(e -> Future.succeededFuture());
  }

  private Future<Submission> read(String file) {
    return vertx.fileSystem().readFile(file)
        .map(buffer -> Json.decodeValue(buffer, Submission.class))
        .onFailure(e -> LOG.warn("skipping unreadable solo submission {}: {}", file, e.getMessage()));
  }

  private Path file(long attemptId) {
    return dir.resolve(attemptId + SUFFIX);
  }
}
