package dev.storyvox.story;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run as JSON: the API's {@code Run}, {@code RunSummary} and {@code RunUpdateEvent} shapes, and the
 * {@code run.json} file (the API shape plus the seed and the last event id).
 */
public final class RunJson {

  private RunJson() {
  }

  /** The API's {@code Run}. */
  public static JsonObject run(Run run) {
    JsonArray pages = new JsonArray();
    String base = "/api/runs/" + run.runId();
    for (RunPage page : run.pages()) {
      pages.add(new JsonObject().put("page", page.page()).put("text", page.text())
          .put("image_url", page.hasImage() ? base + "/images/" + RunFiles.image(page.page()) : null)
          .put("audio_url", page.audio() ? base + "/audio/" + RunFiles.audio(page.page()) : null)
          .put("image_kind", page.imageKind()));
    }
    return summary(run).put("inputs", run.inputs().toJson()).put("pages", pages)
        .put("progress", progress(run.progress())).put("error", error(run.error()));
  }

  /** The API's {@code RunSummary}, a line of the run list. */
  public static JsonObject summary(Run run) {
    return new JsonObject().put("run_id", run.runId()).put("status", run.status().name())
        .put("stage", name(run.stage())).put("title", run.title())
        .put("ready_max_page", run.readyMaxPage()).put("ready_max_audio_page", run.readyMaxAudioPage())
        .put("created_at", run.createdAt().toString()).put("updated_at", run.updatedAt().toString());
  }

  /** The data of an {@code event: update}. */
  public static JsonObject event(Run run) {
    JsonObject event = new JsonObject().put("status", run.status().name()).put("stage", name(run.stage()))
        .put("ready_max_page", run.readyMaxPage()).put("ready_max_audio_page", run.readyMaxAudioPage())
        .put("progress", progress(run.progress()));
    return run.error() == null ? event : event.put("error", error(run.error()));
  }

  /** The content of {@code run.json}. */
  public static JsonObject file(Run run, List<RunUpdate> events) {
    JsonArray log = new JsonArray();
    events.forEach(e -> log.add(new JsonObject().put("id", e.id()).put("data", new JsonObject(e.data()))));
    return run(run).put("seed", run.seed()).put("event_id", run.eventId()).put("events", log);
  }

  /**
   * {@link #file} as the bytes written: the same document, with each logged event's data copied as it was
   * encoded when the event happened instead of parsed and encoded again on every write.
   */
  public static Buffer fileBuffer(Run run, List<RunUpdate> events) {
    String head = run(run).put("seed", run.seed()).put("event_id", run.eventId()).encode();
    StringBuilder out = new StringBuilder(head.length() + 16 + events.size() * 192)
        .append(head, 0, head.length() - 1).append(",\"events\":[");
    for (int i = 0; i < events.size(); i++) {
      RunUpdate e = events.get(i);
      out.append(i == 0 ? "" : ",").append("{\"id\":").append(e.id()).append(",\"data\":").append(e.data()).append('}');
    }
    return Buffer.buffer(out.append("]}").toString());
  }

  /** The run stored in a {@code run.json}. */
  public static Run fromFile(JsonObject json) {
    JsonObject in = json.getJsonObject("inputs");
    RunInputs inputs = new RunInputs(in.getString("era_ko"), in.getString("place_ko"),
        in.getString("characters_ko"), in.getString("topic_ko"), in.getBoolean("tts_enabled", true));
    List<RunPage> pages = new ArrayList<>();
    for (Object o : json.getJsonArray("pages")) {
      JsonObject p = (JsonObject) o;
      pages.add(new RunPage(p.getInteger("page"), p.getString("text"), p.getString("image_kind"),
          p.getString("audio_url") != null));
    }
    JsonObject pr = json.getJsonObject("progress");
    RunProgress progress = new RunProgress(stage(pr.getString("stage")), pr.getInteger("step"), pr.getInteger("total"));
    JsonObject er = json.getJsonObject("error");
    RunError error = er == null ? null : new RunError(stage(er.getString("stage")), er.getString("code"),
        er.getString("message"));
    return new Run(json.getString("run_id"), RunStatus.valueOf(json.getString("status")),
        stage(json.getString("stage")), json.getString("title"), inputs, pages, progress, error,
        Instant.parse(json.getString("created_at")), Instant.parse(json.getString("updated_at")),
        json.getLong("seed"), json.getLong("event_id"));
  }

  /** The event log stored in a {@code run.json}. */
  public static List<RunUpdate> eventsFromFile(JsonObject json) {
    List<RunUpdate> events = new ArrayList<>();
    for (Object o : json.getJsonArray("events", new JsonArray())) {
      JsonObject e = (JsonObject) o;
      JsonObject data = e.getJsonObject("data");
      events.add(new RunUpdate(e.getLong("id"), data.encode(), RunStatus.valueOf(data.getString("status")).isFinal()));
    }
    return events;
  }

  private static JsonObject progress(RunProgress progress) {
    return new JsonObject().put("stage", name(progress.stage())).put("step", progress.step())
        .put("total", progress.total());
  }

  private static JsonObject error(RunError error) {
    return error == null ? null : new JsonObject().put("stage", name(error.stage())).put("code", error.code())
        .put("message", error.message());
  }

  private static String name(Stage stage) {
    return stage == null ? null : stage.name();
  }

  private static Stage stage(String name) {
    return name == null ? null : Stage.valueOf(name);
  }
}
