package dev.storyvox.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The meters storyvox adds to Vert.x's own (HTTP server and client, event bus, pools). They go to the
 * process's Prometheus registry when metrics are enabled ({@code bin/storyvox} enables them) and to a
 * private in-memory registry otherwise, so code records them unconditionally.
 *
 * <ul>
 *   <li>{@code storyvox_engine_queue_depth{engine,worker}} jobs admitted and not finished per work pool</li>
 *   <li>{@code storyvox_engine_busy{engine,worker}} jobs running in a pool (0 or 1 for a pinned context)</li>
 *   <li>{@code storyvox_engine_waiting{engine,worker}} jobs admitted and not started</li>
 *   <li>{@code storyvox_engine_ready{engine,worker}} 1 while the pool is READY</li>
 *   <li>{@code storyvox_inference_seconds{engine}} time per job: stt, llm, tts, cards (pool jobs) and comfyui
 *       (renders, queue wait included) (histogram)</li>
 *   <li>{@code storyvox_runs{status}}, {@code storyvox_submissions{status}} items by status</li>
 *   <li>{@code storyvox_download_bytes_total}, {@code storyvox_download_failures_total{reason}}</li>
 * </ul>
 */
public final class StoryvoxMetrics {

  private static final MeterRegistry FALLBACK = new SimpleMeterRegistry();

  private StoryvoxMetrics() {
  }

  /** The registry meters go to. */
  public static MeterRegistry registry() {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return registry == null ? FALLBACK : registry;
  }

  /** The inference-time histogram of one engine kind (stt, llm, comfyui, tts). */
  public static Timer inference(String engine) {
    return Timer.builder("storyvox_inference_seconds").description("time one engine job takes")
        .tag("engine", engine).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry());
  }

  /**
   * Gauges of one work pool ({@code engine} is its kind, {@code worker} its name): jobs admitted, running and
   * waiting, and whether it is ready. {@link #remove} them when it closes.
   */
  public static List<Meter> poolGauges(String engine, String worker, Supplier<Number> depth,
                                       Supplier<Number> running, Supplier<Number> waiting, Supplier<Number> ready) {
    return List.of(
        gauge("storyvox_engine_queue_depth", "jobs admitted and not finished", engine, worker, depth),
        gauge("storyvox_engine_busy", "jobs the pool runs now", engine, worker, running),
        gauge("storyvox_engine_waiting", "jobs admitted and not started", engine, worker, waiting),
        gauge("storyvox_engine_ready", "1 while the pool is READY", engine, worker, ready));
  }

  private static Meter gauge(String name, String description, String engine, String worker, Supplier<Number> value) {
    return Gauge.builder(name, value).description(description).tags("engine", engine, "worker", worker)
        .strongReference(true).register(registry());
  }

  /** A gauge of how many items of {@code kind} (runs, submissions) have {@code status}. */
  public static Meter statusGauge(String kind, String status, Supplier<Number> count) {
    return Gauge.builder("storyvox_" + kind, count).description(kind + " by status").tag("status", status)
        .strongReference(true).register(registry());
  }

  /**
   * Removes gauges whose owner stopped, so an owner deployed again under the same name registers its own
   * instead of the registry keeping the old one's (a gauge registered twice keeps the first supplier).
   */
  public static void remove(List<Meter> meters) {
    meters.forEach(registry()::remove);
  }

  /** Bytes of audio downloaded. */
  public static Counter downloadBytes() {
    return Counter.builder("storyvox_download_bytes_total").description("audio bytes downloaded")
        .register(registry());
  }

  /** A failed download, by reason (refused, timeout, too_large, status, other). */
  public static Counter downloadFailures(String reason) {
    return Counter.builder("storyvox_download_failures_total").description("failed audio downloads")
        .tag("reason", reason).register(registry());
  }
}
