package dev.storyvox.llm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.storyvox.config.EnginesConfig;
import java.nio.file.Path;

/** Where bin/test installs the current llama.cpp (CPU variant); a test skips with a printed reason without it. */
final class CurrentEngine {

  private CurrentEngine() {
  }

  static Path folder() {
    Path folder = Path.of(new EnginesConfig(null).dir(), "llama-cpu");
    boolean installed = LlamaCppLibrary.libraryIn(folder).isPresent();
    if (!installed) {
      System.out.println("SKIPPED: the current llama.cpp engine is not installed in " + folder
          + " (bin/test installs it with npm)");
    }
    assumeTrue(installed, "current llama.cpp engine not installed in " + folder);
    return folder;
  }
}
