package dev.storyvox.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files durably and atomically: the content goes to a temp file in the same folder, which is forced
 * to disk, renamed over the target, and the folder is forced too. Readers see the old file or the new one,
 * never a part, and a renamed file survives a power cut. A failed write removes its temp file before it
 * reports, so only a killed process can leave one ({@link #isTemp} recognises it); the failure is a
 * {@link StorageFailure} that says whether the disk was full.
 */
public final class AtomicFiles {

  private static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {
  }

  /** Writes {@code content} to {@code target} on a worker thread; the folder must exist. */
  public static Future<Void> write(Vertx vertx, Path target, Buffer content) {
    return write(vertx, target, content, false);
  }

  /** Writes {@code content} to {@code target} on a worker thread, creating the folder first if asked. */
  public static Future<Void> write(Vertx vertx, Path target, Buffer content, boolean createFolder) {
    byte[] bytes = content.getBytes();
    return vertx.executeBlocking(() -> {
      writeNow(target, bytes, createFolder);
      return null;
    }, false);
  }

  /** Creates {@code dir} and its parents; fails with a {@link StorageFailure}. */
  public static Future<Void> createFolder(Vertx vertx, Path dir) {
    return vertx.executeBlocking(() -> {
      try {
        Files.createDirectories(dir);
        return null;
      } catch (IOException e) {
        throw StorageFailure.of(dir, 0, e);
      }
    }, false);
  }

  /** Writes {@code bytes} to {@code target} on the calling thread (a worker, never an event loop). */
  static void writeNow(Path target, byte[] bytes, boolean createFolder) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
    try {
      if (createFolder) {
        Files.createDirectories(dir);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceFolder(dir);
    } catch (IOException | RuntimeException e) {
      StorageFailure failure = StorageFailure.of(dir, bytes.length, e);
      deleteQuietly(temp);
      throw failure;
    }
  }

  /**
   * Puts a finished temp file in place on the calling thread (a worker): forces it to disk, renames it over
   * {@code target} atomically (both in the same folder) and forces the folder.
   */
  public static void commit(Path temp, Path target) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceFolder(dir);
    } catch (IOException | RuntimeException e) {
      throw StorageFailure.of(dir, 0, e);
    }
  }

  /** Whether {@code fileName} is a temp file left by an interrupted write. */
  public static boolean isTemp(String fileName) {
    return fileName.startsWith(".") && fileName.endsWith(TEMP_SUFFIX);
  }

  private static void forceFolder(Path dir) throws IOException {
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // the folder refuses even deletes; a restart's load removes temp files
    }
  }
}
