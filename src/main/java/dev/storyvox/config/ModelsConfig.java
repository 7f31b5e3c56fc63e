package dev.storyvox.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The models manifest ({@code models}): which model files the engines need, where they come from and whether
 * storyvox fetches the missing ones itself.
 *
 * @param download fetch missing files in the background at start ({@code bin/storyvox} turns it on)
 * @param source the base URL the files' {@code url}s are relative to (Hugging Face, or a mirror)
 * @param profile the list of {@code profiles} used when {@code files} is empty
 * @param profiles the built-in lists: {@code small}, {@code standard}, {@code large}
 * @param files the operator's own list; when not empty it replaces the profile's
 * @param idleTimeoutMs a download that receives nothing for this long is cut and tried again
 */
public record ModelsConfig(boolean download, String source, String profile,
                           Map<String, List<ModelFileConfig>> profiles, List<ModelFileConfig> files,
                           long idleTimeoutMs) {

  public ModelsConfig {
    Check.url("models.source", source);
    profiles = profiles == null ? Map.of() : Map.copyOf(new TreeMap<>(profiles));
    files = files == null ? List.of() : List.copyOf(files);
    Check.positive("models.idleTimeoutMs", idleTimeoutMs);
    if (files.isEmpty() && !profiles.containsKey(profile)) {
      throw new IllegalArgumentException("models.profile: unknown profile \"" + profile + "\" (known: "
          + String.join(", ", new TreeMap<>(profiles).keySet()) + ")");
    }
  }

  /** No manifest: nothing is downloaded and no engine waits for a file. */
  public static ModelsConfig none() {
    return new ModelsConfig(false, "https://huggingface.co", "none", Map.of("none", List.of()), List.of(), 60_000);
  }

  /** The files in use: {@code files} when given, else the profile's. */
  public List<ModelFileConfig> selected() {
    return files.isEmpty() ? profiles.get(profile) : files;
  }

  /** The selected files used by {@code setting} (several for a split GGUF), in order. */
  public List<ModelFileConfig> filesFor(String setting) {
    return selected().stream().filter(f -> f.usedBy().equals(setting)).toList();
  }

  /** The absolute URL of {@code file}: its {@code url} resolved against {@code source}. */
  public String urlOf(ModelFileConfig file) {
    if (file.url().startsWith("http://") || file.url().startsWith("https://")) {
      return file.url();
    }
    return source.replaceAll("/+$", "") + "/" + file.url().replaceAll("^/+", "");
  }
}
