package dev.storyvox.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code bin/} installs the current native engines (the pinned npm packages of {@code bin/engines.tsv}),
 * one folder per engine and variant: {@code <dir>/whisper-cpu}, {@code <dir>/llama-cuda}, …
 *
 * @param dir the engines folder; null = {@code $STORYVOX_ENGINES_DIR}, else {@code $XDG_CACHE_HOME/storyvox/engines},
 *            else {@code ~/.cache/storyvox/engines}
 */
public record EnginesConfig(String dir) {
  public EnginesConfig {
    dir = Check.blankToNull(dir);
    if (dir == null) {
      dir = defaultDir();
    }
  }

  /**
   * The installed folders of one engine that {@code gpu.mode} allows, best first: {@code cuda} then
   * {@code vulkan} for {@code auto}, the named variant for {@code cuda}/{@code gpu} or {@code vulkan}, then
   * always {@code cpu}. Folders that are not there are left out, so an empty list means "not installed".
   *
   * @param engine {@code whisper} or {@code llama}
   * @param gpu the GPU settings
   */
  public List<Path> folders(String engine, GpuConfig gpu) {
    return folders(engine, gpu.mode());
  }

  List<Path> folders(String engine, String gpuMode) {
    List<String> variants = switch (gpuMode) {
      case "auto" -> List.of("cuda", "vulkan", "cpu");
      case "cuda", "gpu" -> List.of("cuda", "cpu");
      case "vulkan" -> List.of("vulkan", "cpu");
      default -> List.of("cpu");
    };
    List<Path> found = new ArrayList<>();
    for (String variant : variants) {
      Path folder = Path.of(dir, engine + "-" + variant);
      if (Files.isDirectory(folder)) {
        found.add(folder);
      }
    }
    return found;
  }

  private static String defaultDir() {
    String env = System.getenv("STORYVOX_ENGINES_DIR");
    if (env != null && !env.isBlank()) {
      return env;
    }
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("storyvox").resolve("engines").toString();
  }
}
