package dev.storyvox.bench;

import io.vertx.core.json.JsonObject;

/**
 * One measured figure of {@code bin/bench} with its target.
 *
 * @param name what was measured
 * @param value the figure
 * @param unit its unit
 * @param target the target figure, or NaN when the figure is informational
 * @param atMost whether the value must be at most the target (else at least)
 */
record BenchFigure(String name, double value, String unit, double target, boolean atMost) {

  static BenchFigure info(String name, double value, String unit) {
    return new BenchFigure(name, value, unit, Double.NaN, true);
  }

  static BenchFigure atMost(String name, double value, String unit, double target) {
    return new BenchFigure(name, value, unit, target, true);
  }

  static BenchFigure atLeast(String name, double value, String unit, double target) {
    return new BenchFigure(name, value, unit, target, false);
  }

  /** "ok", "MISSED", or "" when there is no target. */
  String verdict() {
    if (Double.isNaN(target)) {
      return "";
    }
    return (atMost ? value <= target : value >= target) ? "ok" : "MISSED";
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("name", name).put("value", value).put("unit", unit);
    if (!Double.isNaN(target)) {
      json.put("target", (atMost ? "<= " : ">= ") + target).put("verdict", verdict());
    }
    return json;
  }
}
