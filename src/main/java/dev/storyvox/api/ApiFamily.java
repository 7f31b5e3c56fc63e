package dev.storyvox.api;

import dev.storyvox.bus.ServiceException;
import io.vertx.core.json.JsonObject;

/**
 * The route families and their body shapes: IMYME's envelope, Storybook's plain JSON, OpenAI's error
 * object, and the operations routes.
 */
public enum ApiFamily {
  /** {@code /api/v1/**}: {@code {success, data, error:{code,message,detail}}}. */
  IMYME {
    @Override
    public JsonObject errorBody(ServiceException e) {
      JsonObject error = new JsonObject().put("code", e.code().name()).put("message", e.getMessage())
          .put("detail", e.detail());
      return new JsonObject().put("success", false).putNull("data").put("error", error);
    }
  },
  /** {@code /api/**}: {@code {error:{code,message}}}. */
  STORYBOOK,
  /** {@code /v1/**}: {@code {error:{message,type,param,code}}} as OpenAI answers. */
  OPENAI {
    @Override
    public JsonObject errorBody(ServiceException e) {
      String type = e.status() >= 500 ? "server_error" : "invalid_request_error";
      Object param = e.detail() == null ? null : e.detail().getValue("field");
      JsonObject error = new JsonObject().put("message", e.getMessage()).put("type", type)
          .put("param", param).put("code", e.code().name().toLowerCase(java.util.Locale.ROOT));
      return new JsonObject().put("error", error);
    }
  },
  /** Everything else: {@code {error:{code,message}}}. */
  OPERATIONS;

  /** The family a request path belongs to. */
  public static ApiFamily of(String path) {
    if (path == null) {
      return OPERATIONS;
    }
    if (path.startsWith("/api/v1/") || path.equals("/api/v1")) {
      return IMYME;
    }
    if (path.startsWith("/api/") || path.equals("/api")) {
      return STORYBOOK;
    }
    if (path.startsWith("/v1/") || path.equals("/v1")) {
      return OPENAI;
    }
    return OPERATIONS;
  }

  /** The error body of this family. */
  public JsonObject errorBody(ServiceException e) {
    JsonObject error = new JsonObject().put("code", e.code().name()).put("message", e.getMessage());
    if (e.detail() != null) {
      error.put("detail", e.detail());
    }
    return new JsonObject().put("error", error);
  }

  /** Whether requests of this family need the internal secret when one is configured. */
  public boolean protectedByAuth() {
    return this != OPERATIONS;
  }
}
