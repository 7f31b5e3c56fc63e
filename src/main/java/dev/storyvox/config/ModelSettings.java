package dev.storyvox.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Fills the model settings left {@code null} ({@code stt.model}, {@code llm.model}) with the path of the first
 * manifest file that is {@code for} them, so choosing {@code models.profile} chooses the engines' files too.
 * A setting the operator gave keeps its value. {@code stt.vadModel} stays as given: {@code null} means no VAD.
 */
final class ModelSettings {

  private static final String[] FILLED = {"stt.model", "llm.model"};

  private ModelSettings() {
  }

  /** A copy of {@code json} with the empty model settings filled from the manifest. */
  static JsonObject fill(JsonObject json) {
    JsonArray files = selected(json.getJsonObject("models"));
    if (files == null) {
      return json;
    }
    JsonObject filled = json.copy();
    for (String setting : FILLED) {
      String[] key = setting.split("\\.");
      JsonObject section = filled.getJsonObject(key[0]);
      if (section == null || section.getValue(key[1]) != null) {
        continue;
      }
      for (Object file : files) {
        if (file instanceof JsonObject f && setting.equals(f.getValue("for")) && f.getValue("path") instanceof String p) {
          section.put(key[1], p);
          break;
        }
      }
    }
    return filled;
  }

  private static JsonArray selected(JsonObject models) {
    if (models == null) {
      return null;
    }
    if (models.getValue("files") instanceof JsonArray files && !files.isEmpty()) {
      return files;
    }
    return models.getValue("profiles") instanceof JsonObject profiles && models.getValue("profile") instanceof String p
        && profiles.getValue(p) instanceof JsonArray list ? list : null;
  }
}
