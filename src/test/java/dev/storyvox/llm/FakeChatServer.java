package dev.storyvox.llm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible chat server for tests, on a real port: {@code GET /models} and
 * {@code POST /chat/completions} answering {@link #reply} in OpenAI's shape. It can demand an API key (401
 * otherwise), fail the first requests with 500, or never answer.
 */
public final class FakeChatServer {

  /** The key it accepts as {@code Authorization: Bearer}. */
  public static final String KEY = "sk-test";

  public final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  public volatile String reply = "{\"ok\": true}";
  public volatile int failFirst;
  public volatile boolean hang;
  private HttpServer server;

  public Future<FakeChatServer> start(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
        .map(started -> {
          server = started;
          return this;
        });
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  private void handle(HttpServerRequest request) {
    String auth = request.getHeader("Authorization");
    if (!("Bearer " + KEY).equals(auth)) {
      request.response().setStatusCode(401).end(error("Incorrect API key provided"));
      return;
    }
    if (request.path().equals("/v1/models")) {
      request.response().end(new JsonObject().put("object", "list").put("data", new JsonArray()
          .add(new JsonObject().put("id", "fake").put("object", "model"))).encode());
      return;
    }
    request.body().onSuccess(body -> {
      bodies.add(body.toJsonObject());
      authorizations.add(auth);
      if (hang) {
        return;
      }
      if (bodies.size() <= failFirst) {
        request.response().setStatusCode(500).end(error("overloaded"));
        return;
      }
      request.response().putHeader("content-type", "application/json").end(completion().encode());
    });
  }

  private JsonObject completion() {
    JsonObject message = new JsonObject().put("role", "assistant").put("content", reply);
    return new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "fake")
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("message", message)
            .put("finish_reason", "stop")))
        .put("usage", new JsonObject().put("prompt_tokens", 12).put("completion_tokens", 5).put("total_tokens", 17));
  }

  private static String error(String message) {
    return new JsonObject().put("error", new JsonObject().put("message", message).put("type", "error")).encode();
  }
}
