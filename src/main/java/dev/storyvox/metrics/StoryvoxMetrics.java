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
 *   <li>{@code storyvox_engine_queue_depth{engine,worker}} jobs admitted and not finished per context</li>
 *   <li>{@code storyvox_engine_busy{engine,worker}} 1 while a context runs a job</li>
 *   <li>{@code storyvox_inference_seconds{engine}} time per job: stt, llm, comfyui, tts (histogram)</li>
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

  /** Gauges of one engine context's queue depth and busy state; {@link #remove} them when it closes. */
  public static List<Meter> engineGauges(String engine, String worker, Supplier<Number> depth, Supplier<Number> busy) {
    return List.of(
        Gauge.builder("storyvox_engine_queue_depth", depth).description("jobs admitted and not finished")
            .tags("engine", engine, "worker", worker).strongReference(true).register(registry()),
        Gauge.builder("storyvox_engine_busy", busy).description("1 while the context runs a job")
            .tags("engine", engine, "worker", worker).strongReference(true).register(registry()));
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
