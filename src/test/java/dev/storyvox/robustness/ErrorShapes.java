package dev.storyvox.robustness;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Checks an answer against the error body of its route family (README "API tour"), answering what is
 * wrong or null when it is well formed: IMYME {@code /api/v1/**}, Storybook {@code /api/**}, OpenAI
 * {@code /v1/**} and operations.
 */
final class ErrorShapes {

  private ErrorShapes() {
  }

  /** What is wrong with error {@code body} (status {@code status}) on {@code path}; null when nothing. */
  static String problem(String path, int status, Buffer body) {
    JsonObject json;
    try {
      json = body.toJsonObject();
    } catch (RuntimeException e) {
      return "not a JSON object: " + clip(body.toString());
    }
    String text = body.toString();
    if (text.contains("Exception") || text.contains("at dev.storyvox") || text.contains("at io.vertx")) {
      return "stack trace in body: " + clip(text);
    }
    JsonObject error = json.getValue("error") instanceof JsonObject e ? e : null;
    if (error == null || !(error.getValue("message") instanceof String m) || m.isBlank()) {
      return "no error.message: " + clip(text);
    }
    if (path.startsWith("/api/v1/")) {
      boolean envelope = Boolean.FALSE.equals(json.getValue("success")) && json.containsKey("data")
          && json.getValue("data") == null && error.getValue("code") instanceof String && error.containsKey("detail");
      return envelope ? null : "not the IMYME envelope: " + clip(text);
    }
    if (path.startsWith("/v1/")) {
      boolean openAi = error.getValue("type") instanceof String t && t.endsWith("_error")
          && error.containsKey("param") && error.containsKey("code");
      return openAi ? null : "not the OpenAI error: " + clip(text);
    }
    return error.getValue("code") instanceof String && !json.containsKey("success") ? null
        : "not the plain error: " + clip(text);
  }

  static String clip(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
