package dev.storyvox.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code .part} file of a download as a try finds it: its length and the SHA-256 state of its bytes, so
 * the try resumes the hash where the bytes stop. Its methods block (they read the file): call them on a worker.
 */
final class PartialFile {

  private final MessageDigest digest;
  private final long length;

  private PartialFile(MessageDigest digest, long length) {
    this.digest = digest;
    this.length = length;
  }

  /** Reads what is there; a part longer than {@code expected} (when known) is dropped. */
  static PartialFile open(Path path, Long expected) throws IOException {
    MessageDigest digest = sha256();
    if (!Files.exists(path)) {
      return new PartialFile(digest, 0);
    }
    if (expected != null && Files.size(path) > expected) {
      Files.delete(path);
      return new PartialFile(digest, 0);
    }
    long length = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(path)) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        length += n;
      }
    }
    return new PartialFile(digest, length);
  }

  long length() {
    return length;
  }

  MessageDigest digest() {
    return digest;
  }

  /** The hex SHA-256 of the bytes so far (the file is complete when this is asked). */
  String hash() {
    return hex(digest);
  }

  /** The hex digest of a copy of {@code digest}, leaving it usable. */
  static String hex(MessageDigest digest) {
    try {
      return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
