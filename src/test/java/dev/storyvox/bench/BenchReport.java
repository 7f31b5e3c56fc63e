package dev.storyvox.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects {@link BenchFigure}s, renders them as a table and writes {@code target/bench/results.json}. */
final class BenchReport {

  private final List<BenchFigure> figures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  synchronized void add(BenchFigure figure) {
    figures.add(figure);
  }

  synchronized void note(String text) {
    notes.add(text);
  }

  synchronized String table() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-52s %14s %-8s %12s  %s%n", "figure", "value",
        "unit", "target", "verdict"));
    for (BenchFigure f : figures) {
      String target = Double.isNaN(f.target()) ? "" : (f.atMost() ? "<= " : ">= ") + format(f.target());
      out.append(String.format(Locale.ROOT, "%-52s %14s %-8s %12s  %s%n", f.name(), format(f.value()), f.unit(), target,
          f.verdict()));
    }
    notes.forEach(n -> out.append("note: ").append(n).append('\n'));
    return out.toString();
  }

  synchronized void write(Path file) throws IOException {
    JsonArray list = new JsonArray();
    figures.forEach(f -> list.add(f.toJson()));
    JsonObject json = new JsonObject().put("time", Instant.now().toString())
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20)
        .put("missed", figures.stream().filter(f -> "MISSED".equals(f.verdict())).map(BenchFigure::name).toList())
        .put("figures", list).put("notes", new JsonArray(notes));
    Files.createDirectories(file.getParent());
    Files.writeString(file, json.encodePrettily());
  }

  private static String format(double value) {
    return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3f", value);
  }
}
