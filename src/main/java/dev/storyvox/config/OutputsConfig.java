package dev.storyvox.config;

/** Where runs and submissions are kept, and how many final runs are retained. */
public record OutputsConfig(String dir, int keep) {
  public OutputsConfig {
    Check.notBlank("outputs.dir", dir);
    Check.range("outputs.keep", keep, 1, 1_000_000);
  }
}
