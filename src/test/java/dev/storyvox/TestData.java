package dev.storyvox;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the shared test data ({@code ../shared/models} and {@code ../shared/fixtures}). */
public final class TestData {

  private TestData() {
  }

  /** The shared folder: system property {@code storyvox.shared}, else {@code ../shared}. */
  public static Path shared() {
    Path dir = Path.of(System.getProperty("storyvox.shared", "../shared")).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("test data folder " + dir + " is missing: clone with ../shared beside the repo");
    }
    return dir;
  }

  /** A model file under {@code shared/models}. */
  public static Path model(String name) {
    return shared().resolve("models").resolve(name);
  }

  /** An audio fixture under {@code shared/fixtures/audio}. */
  public static Path audio(String name) {
    return shared().resolve("fixtures").resolve("audio").resolve(name);
  }
}
