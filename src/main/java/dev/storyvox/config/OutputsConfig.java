package dev.storyvox.config;

/**
 * Where runs and submissions are kept, how many final runs are retained, and the free space below which the
 * node reports its storage not ready.
 */
public record OutputsConfig(String dir, int keep, long minFreeBytes) {
  public OutputsConfig {
    Check.notBlank("outputs.dir", dir);
    Check.range("outputs.keep", keep, 1, 1_000_000);
    Check.range("outputs.minFreeBytes", minFreeBytes, 0, Long.MAX_VALUE);
  }
}
