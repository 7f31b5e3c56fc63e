package dev.storyvox.config;

/**
 * One model file of the manifest ({@code models.files} or a profile's list).
 *
 * @param path where the file lives, relative to the working directory (e.g. {@code models/ggml-base.bin})
 * @param url where it comes from, relative to {@code models.source} (an absolute http(s) URL is taken as it is)
 * @param sha256 the file's SHA-256 in hex, verified before it is put in place; {@code null} when not known
 *     (then the download is logged as unverified)
 * @param bytes the file's size, checked against the disk and the download; {@code null} when not known (the
 *     server's {@code Content-Length} is used)
 * @param usedBy the setting that uses the file ({@code for}): {@code stt.model}, {@code stt.vadModel} or
 *     {@code llm.model}
 */
public record ModelFileConfig(String path, String url, String sha256, Long bytes, @ConfigKey("for") String usedBy) {

  /** The settings a model file may be for. */
  public static final java.util.List<String> SETTINGS = java.util.List.of("stt.model", "stt.vadModel", "llm.model");

  public ModelFileConfig {
    Check.notBlank("models.files[].path", path);
    Check.notBlank("models.files[].url", url);
    sha256 = Check.blankToNull(sha256);
    if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("models.files[].sha256 of " + path + ": expected 64 hex digits, got \""
          + sha256 + "\"");
    }
    sha256 = sha256 == null ? null : sha256.toLowerCase(java.util.Locale.ROOT);
    if (bytes != null && bytes <= 0) {
      throw new IllegalArgumentException("models.files[].bytes of " + path + ": must be positive, got " + bytes);
    }
    Check.oneOf("models.files[].for", usedBy, SETTINGS.toArray(String[]::new));
  }

  /** The file's name, e.g. {@code ggml-large-v3-turbo.bin}. */
  public String name() {
    return java.nio.file.Path.of(path).getFileName().toString();
  }
}
