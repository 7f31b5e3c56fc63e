package dev.storyvox.engine;

/**
 * What a {@link WorkPool} is: its kind, its name, where it runs and how much work it takes at once.
 *
 * @param kind the capability the pool serves ({@code stt}, {@code llm}, {@code tts}, {@code cards}); it tags
 *     the metrics and groups pools in {@code /ready}
 * @param name the pool's name, unique per process, e.g. {@code gpu0-whisper-0}; it names the threads in logs
 * @param device the GPU the pool's context runs on, or {@code null} for CPU work
 * @param threads jobs run at once; 1 pins a native context to one thread for its whole life
 * @param queueSize jobs that may wait while {@code threads} run; one more is refused with 429 BUSY
 * @param maxJobMs a job running longer than this is reported by Vert.x's blocked-thread checker
 */
public record PoolSpec(String kind, String name, Integer device, int threads, int queueSize, long maxJobMs) {

  public PoolSpec {
    if (threads < 1 || queueSize < 0 || maxJobMs <= 0) {
      throw new IllegalArgumentException("pool " + name + ": threads >= 1, queueSize >= 0 and maxJobMs > 0, got "
          + threads + ", " + queueSize + ", " + maxJobMs);
    }
  }

  /** A pool of one pinned thread for a native context on {@code device}. */
  public static PoolSpec pinned(String kind, String name, Integer device, int queueSize, long maxJobMs) {
    return new PoolSpec(kind, name, device, 1, queueSize, maxJobMs);
  }
}
