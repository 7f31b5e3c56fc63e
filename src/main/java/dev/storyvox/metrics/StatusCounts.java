package dev.storyvox.metrics;

import io.micrometer.core.instrument.Meter;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Gauges of items by status ({@code storyvox_runs{status}}, {@code storyvox_submissions{status}}). The
 * owner's state is read on the owner's own context every few seconds, so scrapes on other threads never
 * touch it; the refresh timer belongs to the owner's verticle and ends when it is undeployed, and the
 * owner's stop {@link #close() closes} the gauges.
 *
 * @param <E> the status enum
 */
public final class StatusCounts<E extends Enum<E>> {

  static final long REFRESH_MS = 5000;
  private final Class<E> type;
  private final Map<E, AtomicInteger> counts;
  private final Supplier<Stream<E>> statuses;
  private final List<Meter> gauges = new ArrayList<>();

  /**
   * Registers a gauge per status of {@code type} under {@code storyvox_<kind>} and refreshes them from
   * {@code statuses} now and every {@value #REFRESH_MS} ms. Call it on the owner's context.
   */
  public StatusCounts(Vertx vertx, String kind, Class<E> type, Supplier<Stream<E>> statuses) {
    this.type = type;
    this.statuses = statuses;
    this.counts = new EnumMap<>(type);
    for (E status : type.getEnumConstants()) {
      AtomicInteger count = new AtomicInteger();
      counts.put(status, count);
      gauges.add(StoryvoxMetrics.statusGauge(kind, status.name(), count::get));
    }
    refresh();
    vertx.setPeriodic(REFRESH_MS, id -> refresh());
  }

  /** Recounts now. */
  public void refresh() {
    Map<E, Integer> fresh = new EnumMap<>(type);
    statuses.get().forEach(s -> fresh.merge(s, 1, Integer::sum));
    counts.forEach((status, count) -> count.set(fresh.getOrDefault(status, 0)));
  }

  /** Removes the gauges (the owner stopped). */
  public void close() {
    StoryvoxMetrics.remove(gauges);
  }
}
