package dev.storyvox.stt;

import dev.storyvox.config.EnginesConfig;
import dev.storyvox.config.GpuConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The whisper.cpp 1.9 CPU engine folder that {@code bin/test} installs ({@code engines.dir}/whisper-cpu). A
 * test skips with a printed reason only when it is absent (npm missing); CI runs {@code bin/test}, which
 * installs it.
 */
final class Whisper19Engines {

  private Whisper19Engines() {
  }

  /** The installed CPU folder, as a one-element list; skips the test when there is none. */
  static List<Path> cpuFolders() {
    List<Path> folders = new EnginesConfig(null).folders("whisper", new GpuConfig("cpu", List.of(0), 1, 1));
    if (folders.isEmpty()) {
      System.out.println("SKIPPED: no whisper.cpp 1.9 engine under " + new EnginesConfig(null).dir()
          + " (bin/test installs it with npm)");
    }
    Assumptions.assumeFalse(folders.isEmpty(), "whisper.cpp 1.9 engine not installed");
    return folders;
  }
}
