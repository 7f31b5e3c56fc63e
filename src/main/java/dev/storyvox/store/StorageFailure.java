package dev.storyvox.store;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write the outputs folder refused. It is {@code STORAGE_FULL} (507) when the folder's file system had no
 * room for the write, measured when it failed rather than read from the error's text, and
 * {@code STORAGE_FAILURE} (503) for any other I/O error. Either message names the folder.
 */
public final class StorageFailure extends ServiceException {

  /** Room a write may need beyond its bytes: a file system block for the data and one for the folder entry. */
  private static final long SLACK_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(StorageFailure.class);

  private StorageFailure(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }

  /** The failure of writing {@code bytes} bytes into {@code dir}. */
  static StorageFailure of(Path dir, long bytes, Throwable cause) {
    long free = usableSpace(dir);
    if (free >= 0 && free < bytes + SLACK_BYTES) {
      return new StorageFailure(ErrorCode.STORAGE_FULL, "the outputs folder " + dir + " is full ("
          + free + " bytes free, " + bytes + " needed)", cause);
    }
    LOG.warn("the outputs folder {} refused a write", dir, cause);
    return new StorageFailure(ErrorCode.STORAGE_FAILURE, "the outputs folder " + dir
        + " refused a write (see the server log)", cause);
  }

  /**
   * What a client is told when {@code what} (a new run, a cancel, a submission) could not be saved: 507
   * STORAGE_FULL when the disk is full, 503 UNAVAILABLE for another storage failure; others pass unchanged.
   */
  public static Throwable notSaved(String what, Throwable cause) {
    if (cause instanceof StorageFailure failure) {
      ErrorCode code = failure.code() == ErrorCode.STORAGE_FULL ? ErrorCode.STORAGE_FULL : ErrorCode.UNAVAILABLE;
      return new ServiceException(code, what + " could not be saved: " + failure.getMessage(), failure);
    }
    return cause;
  }

  /** Usable bytes on the file system holding {@code path} (or its nearest existing parent); -1 if unknown. */
  public static long usableSpace(Path path) {
    Path existing = path.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      return existing == null ? -1 : Files.getFileStore(existing).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }
}
