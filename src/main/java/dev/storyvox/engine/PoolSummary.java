package dev.storyvox.engine;

import dev.storyvox.bus.Readiness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The readiness of a capability served by several pools (N whisper or llama.cpp contexts): READY when
 * every one is, otherwise the worst state among them (UNAVAILABLE, then LOADING), with how many are ready
 * and which are not and why. The bus spreads jobs over every context, so one without its model fails a
 * share of the requests: the capability is not ready.
 *
 * @param readiness the aggregated state and reason
 * @param total the pools of the kind
 * @param ready those READY
 * @param notReady the names of the others
 */
public record PoolSummary(Readiness readiness, int total, int ready, List<String> notReady) {

  /** The summary of {@code kind}'s pools among {@code pools}, or {@code null} when there are none. */
  public static PoolSummary of(String kind, List<PoolStatus> pools) {
    List<PoolStatus> mine = pools.stream().filter(p -> kind.equals(p.kind())).toList();
    if (mine.isEmpty()) {
      return null;
    }
    List<PoolStatus> down = mine.stream().filter(p -> !Readiness.READY.equals(p.state())).toList();
    int ready = mine.size() - down.size();
    List<String> names = down.stream().map(PoolStatus::name).toList();
    if (mine.size() == 1) {
      PoolStatus only = mine.get(0);
      return new PoolSummary(new Readiness(only.state(), only.reason()), 1, ready, names);
    }
    if (down.isEmpty()) {
      return new PoolSummary(Readiness.ready("all " + mine.size() + " contexts ready: "
          + mine.stream().map(PoolStatus::reason).collect(Collectors.joining("; "))), mine.size(), ready, names);
    }
    String state = down.stream().anyMatch(p -> Readiness.UNAVAILABLE.equals(p.state()))
        ? Readiness.UNAVAILABLE : Readiness.LOADING;
    String reason = ready + " of " + mine.size() + " contexts ready; not ready: "
        + down.stream().map(p -> p.name() + " (" + p.state() + ": " + p.reason() + ")").collect(Collectors.joining("; "));
    return new PoolSummary(new Readiness(state, reason), mine.size(), ready, names);
  }

  /** The capability entry of {@code /ready}: state, reason and the contexts' counts. */
  public JsonObject toJson() {
    return new JsonObject().put("state", readiness.state()).put("reason", readiness.reason())
        .put("contexts", new JsonObject().put("total", total).put("ready", ready)
            .put("notReady", new JsonArray(notReady)));
  }
}
