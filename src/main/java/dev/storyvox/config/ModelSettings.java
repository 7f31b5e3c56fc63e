package dev.storyvox.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Fills the model settings left {@code null} ({@code stt.model}, {@code llm.model}) with the path of the first
 * manifest file that is {@code for} them, so choosing {@code models.profile} chooses the engines' files too.
 * A setting the operator gave keeps its value; one that {@code models.files} does not cover takes the profile's
 * file. {@code stt.vadModel} left {@code null} takes a manifest file {@code for} it, else
 * {@link SttConfig#DEFAULT_VAD_MODEL} (the file bin/ installs).
 */
final class ModelSettings {

  private static final String[] FILLED = {"stt.model", "llm.model", "stt.vadModel"};

  private ModelSettings() {
  }

  /** A copy of {@code json} with the empty model settings filled from the manifest. */
  static JsonObject fill(JsonObject json) {
    JsonObject models = json.getJsonObject("models");
    if (models == null) {
      return json;
    }
    JsonArray files = new JsonArray();
    if (models.getValue("files") instanceof JsonArray own) {
      files.addAll(own);
    }
    if (models.getValue("profiles") instanceof JsonObject profiles && models.getValue("profile") instanceof String p) {
      if (profiles.getValue(p) instanceof JsonArray list) {
        files.addAll(list);
      } else if (files.isEmpty()) {
        throw new ConfigException("config models.profile: unknown profile \"" + p + "\" (known: "
            + String.join(", ", new java.util.TreeSet<>(profiles.fieldNames())) + ")");
      }
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
}
