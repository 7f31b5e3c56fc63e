package dev.storyvox.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Writes files atomically with Vert.x's non-blocking file system: the content goes to a temp file in
 * the same folder, which is then renamed over the target. Readers see the old file or the new one,
 * never a part; a crash leaves at most a stray {@code .tmp} file, which {@link #isTemp} recognises.
 */
public final class AtomicFiles {

  private static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {
  }

  /** Writes {@code content} to {@code target} atomically, creating the folder when needed. */
  public static Future<Void> write(Vertx vertx, Path target, Buffer content) {
    Path dir = target.toAbsolutePath().getParent();
    String temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX).toString();
    return vertx.fileSystem().mkdirs(dir.toString())
        .compose(v -> vertx.fileSystem().writeFile(temp, content))
        .compose(v -> vertx.fileSystem().move(temp, target.toString(),
            new CopyOptions().setAtomicMove(true).setReplaceExisting(true)))
        .recover(e -> vertx.fileSystem().delete(temp).transform(ignored -> Future.<Void>failedFuture(e)));
  }

  /** Whether {@code fileName} is a temp file left by an interrupted write. */
  public static boolean isTemp(String fileName) {
    return fileName.startsWith(".") && fileName.endsWith(TEMP_SUFFIX);
  }
}
