package dev.storyvox.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;

/**
 * Reads the server's own files (the contract, the documentation and web pages) from the classpath on a worker
 * thread, straight from the class loader. Vert.x's file system would copy each one to its file cache after
 * scanning every entry of the jar for the name (20,000 in the shaded jar), which cost tenths of a second at
 * startup.
 */
final class ClasspathFiles {

  private ClasspathFiles() {
  }

  /** The bytes of classpath resource {@code name}; fails with {@link NoSuchFileException} when it is absent. */
  static Future<Buffer> read(Vertx vertx, String name) {
    return vertx.executeBlocking(() -> {
      try (InputStream in = ClasspathFiles.class.getClassLoader().getResourceAsStream(name)) {
        if (in == null) {
          throw new NoSuchFileException(name, null, "not on the classpath");
        }
        return Buffer.buffer(in.readAllBytes());
      }
    }, false);
  }
}
