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
 * An OpenAI-compatible chat server for tests, on a real port: {@code GET /v1/models} and
 * {@code POST /v1/chat/completions} answering {@link #reply} in OpenAI's shape. It can demand an API key (401
 * otherwise), fail the first requests with 500, or never answer.
 *
 * <p>Its {@link Flavor} plays a real server as its documentation describes it: llama-server
 * ({@code owned_by: llamacpp}, {@code GET /props}, honours {@code grammar} and {@code response_format},
 * {@code chat_template_kwargs}), vLLM ({@code owned_by: vllm}, honours {@code response_format} and
 * {@code chat_template_kwargs}, ignores {@code grammar} as an unknown field), Ollama ({@code owned_by: library},
 * honours {@code response_format}, takes {@code reasoning_effort: none} to stop thinking, ignores the rest).
 * A model that {@link #thinks} (Qwen3-style) answers a request its server does not constrain with a
 * {@code <think>} block and the reply in a {@code ```json} fence; one that is constrained answers just the
 * reply; thinking is off when the request switches it off the way that server takes.
 */
public final class FakeChatServer {

  /** The key it accepts as {@code Authorization: Bearer}. */
  public static final String KEY = "sk-test";

  /** Which server it plays. */
  public enum Flavor { GENERIC, LLAMA_SERVER, VLLM, OLLAMA }

  public final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  public final List<String> paths = new CopyOnWriteArrayList<>();
  public volatile String reply = "{\"ok\": true}";
  public volatile int failFirst;
  public volatile boolean hang;
  public volatile boolean thinks;
  /** Whether {@code /v1/models} names the server in {@code owned_by} (llama-server builds before it did: no). */
  public volatile boolean namesItself = true;
  private final Flavor flavor;
  private HttpServer server;

  public FakeChatServer() {
    this(Flavor.GENERIC);
  }

  public FakeChatServer(Flavor flavor) {
    this.flavor = flavor;
  }

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
    paths.add(request.method() + " " + request.path());
    String auth = request.getHeader("Authorization");
    if (!("Bearer " + KEY).equals(auth)) {
      request.response().setStatusCode(401).end(error("Incorrect API key provided"));
      return;
    }
    if (request.path().equals("/v1/models")) {
      request.response().putHeader("content-type", "application/json").end(models().encode());
      return;
    }
    if (request.path().equals("/props") && flavor == Flavor.LLAMA_SERVER) {
      request.response().putHeader("content-type", "application/json").end(new JsonObject()
          .put("default_generation_settings", new JsonObject().put("n_ctx", 8192))
          .put("total_slots", 1).put("model_path", "/models/qwen3-4b.gguf").put("build_info", "b6000").encode());
      return;
    }
    if (!request.path().equals("/v1/chat/completions")) {
      request.response().setStatusCode(404).end(error("File Not Found"));
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
      request.response().putHeader("content-type", "application/json")
          .end(completion(content(body.toJsonObject())).encode());
    });
  }

  private JsonObject models() {
    JsonObject model = new JsonObject().put("id", "fake").put("object", "model");
    switch (namesItself ? flavor : Flavor.GENERIC) {
      case LLAMA_SERVER -> model.put("created", 1_760_000_000L).put("owned_by", "llamacpp")
          .put("meta", new JsonObject().put("n_ctx_train", 40960));
      case VLLM -> model.put("created", 1_760_000_000L).put("owned_by", "vllm").put("root", "Qwen/Qwen3-4B")
          .put("max_model_len", 8192);
      case OLLAMA -> model.put("created", 1_760_000_000L).put("owned_by", "library");
      default -> { }
    }
    return new JsonObject().put("object", "list").put("data", new JsonArray().add(model));
  }

  /** What the model writes: constrained → the reply; free → maybe a think block, then the reply fenced. */
  private String content(JsonObject body) {
    boolean constrained = honoursSchema(body) || flavor == Flavor.LLAMA_SERVER && body.getValue("grammar") != null;
    boolean thinking = thinks && !thinkingOff(body);
    if (constrained) {
      return thinking && flavor == Flavor.VLLM ? "<think>\nThe reply must match the schema.\n</think>\n\n" + reply
          : reply;
    }
    if (!thinks) {
      return reply;
    }
    return (thinking ? "<think>\nThe user wants JSON. Let me write it.\n</think>\n\n" : "")
        + "```json\n" + reply + "\n```";
  }

  private boolean honoursSchema(JsonObject body) {
    JsonObject format = body.getJsonObject("response_format");
    return flavor != Flavor.GENERIC && format != null && "json_schema".equals(format.getString("type"))
        && format.getJsonObject("json_schema", new JsonObject()).getValue("schema") instanceof JsonObject;
  }

  private boolean thinkingOff(JsonObject body) {
    return switch (flavor) {
      case LLAMA_SERVER, VLLM -> Boolean.FALSE.equals(
          body.getJsonObject("chat_template_kwargs", new JsonObject()).getValue("enable_thinking"));
      case OLLAMA -> "none".equals(body.getValue("reasoning_effort"));
      default -> false;
    };
  }

  private static JsonObject completion(String content) {
    JsonObject message = new JsonObject().put("role", "assistant").put("content", content);
    return new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "fake")
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("message", message)
            .put("finish_reason", "stop")))
        .put("usage", new JsonObject().put("prompt_tokens", 12).put("completion_tokens", 5).put("total_tokens", 17));
  }

  private static String error(String message) {
    return new JsonObject().put("error", new JsonObject().put("message", message).put("type", "error")).encode();
  }
}
