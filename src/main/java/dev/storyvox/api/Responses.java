package dev.storyvox.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes success bodies: IMYME's envelope or plain JSON. */
public final class Responses {

  private static final String JSON = "application/json; charset=utf-8";

  private Responses() {
  }

  /** Answers {@code {success:true, data, error:null}} with {@code status}. */
  public static Future<Void> envelope(RoutingContext rc, int status, Object data) {
    JsonObject body = new JsonObject().put("success", true).put("data", data).putNull("error");
    return json(rc, status, body);
  }

  /** Answers a plain JSON body with {@code status}. */
  public static Future<Void> json(RoutingContext rc, int status, Object body) {
    String text = body instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(body);
    return rawJson(rc, status, text);
  }

  /** Answers JSON that is already encoded. */
  public static Future<Void> rawJson(RoutingContext rc, int status, String json) {
    if (rc.response().ended() || rc.response().closed()) {
      return Future.succeededFuture();
    }
    return rc.response().setStatusCode(status).putHeader("content-type", JSON).end(json);
  }
}
