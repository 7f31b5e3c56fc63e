package dev.storyvox.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where configuration comes from, in order of precedence (later wins): the defaults file, an optional
 * overlay file ({@code --conf}), environment variables and system properties.
 */
public record ConfigSources(Path defaults, Path overlay, Map<String, String> env, Properties systemProperties) {

  /** The sources of a process: {@code conf/config.yaml}, the given overlay, the real environment and properties. */
  public static ConfigSources ofProcess(Path overlay) {
    return new ConfigSources(Path.of("conf", "config.yaml"), overlay, System.getenv(), System.getProperties());
  }
}
