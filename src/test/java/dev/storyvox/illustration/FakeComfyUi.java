package dev.storyvox.illustration;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ComfyUI 0.3.64 stand-in on 127.0.0.1 (real HTTP and websocket, port 0) that behaves as the recorded
 * transcripts in {@code ../shared/fixtures/comfyui/} show (FakeComfyUiTranscriptTest compares them):
 * {@code POST /prompt} validates like ComfyUI ({@link FakeNodes}), takes a client-chosen {@code prompt_id},
 * queues and runs prompts one at a time ({@link FakeExecution}), reruns of identical nodes are cached;
 * {@code /ws?clientId=} gets status (to everyone) and the prompt's events (to its client only);
 * {@code GET /history[/{id}]} ({@code {}} for an unknown id), {@code GET /view} (404 empty when missing),
 * {@code GET|POST /queue}, {@code POST /interrupt} (only the running prompt's id, or none, acts, after the node in
 * progress), {@code GET /object_info} and {@code GET /system_stats}. The {@link Mode} injects faults.
 */
public final class FakeComfyUi {

  /** How prompts submitted from now on behave. */
  public enum Mode {
    /** Runs and saves an image. */
    SUCCESS,
    /** The server has no checkpoint files: the panel workflow fails validation (value_not_in_list). */
    VALIDATION_ERROR,
    /** The sampler fails with execution_error (out of memory). */
    EXECUTION_ERROR,
    /** The websocket is closed after execution_start; the image is saved later, seen only in the history. */
    DROP_SOCKET,
    /** The sampler stays at its first step until {@code /interrupt}. */
    HANG,
    /** The queue does not move: prompts wait until deleted. */
    QUEUED
  }

  /** The version {@code /system_stats} reports. */
  public static final String VERSION = "0.3.64";
  /** The checkpoint the fake offers (the one conf/comfyui/panel.json names). */
  public static final String CHECKPOINT = "v1-5-pruned-emaonly.safetensors";
  private static final FakeNodes WITH_CHECKPOINT = new FakeNodes(List.of(CHECKPOINT));
  private static final FakeNodes NO_CHECKPOINTS = new FakeNodes(List.of());
  private static final String JSON = "application/json; charset=utf-8";

  final Vertx vertx;
  final int steps;
  private final Map<String, ServerWebSocket> sockets = new ConcurrentHashMap<>();
  final Map<String, JsonObject> history = new LinkedHashMap<>();
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  /** The last counter SaveImage used per filename prefix (ComfyUI finds it by scanning its output folder). */
  final Map<String, Integer> counters = new ConcurrentHashMap<>();
  final Map<String, JsonObject> saved = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Deque<JsonArray> pending = new ArrayDeque<>();
  private final List<JsonObject> workflows = new CopyOnWriteArrayList<>();
  private final List<JsonObject> interrupts = new CopyOnWriteArrayList<>();
  private final List<String> deleted = new CopyOnWriteArrayList<>();
  volatile Mode mode = Mode.SUCCESS;
  /** Simulated time per node and sampler step. */
  volatile long nodeMs = 10;
  private FakeExecution running;
  Set<String> cache = Set.of();
  private HttpServer server;
  private int number;

  /** A fake whose sampler reports {@code steps} progress steps. */
  private final List<String> sentIds = new CopyOnWriteArrayList<>();

  public FakeComfyUi(Vertx vertx, int steps) {
    this.vertx = vertx;
    this.steps = steps;
  }

  /** Starts listening on a free loopback port. */
  public Future<FakeComfyUi> start() {
    return vertx.createHttpServer().webSocketHandler(this::socket).requestHandler(this::handle)
        .listen(0, "127.0.0.1").map(s -> {
          server = s;
          return this;
        });
  }

  /** The base URL to put in {@code comfyui.url}. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Sets the simulated time per node and sampler step; 0 makes a zero-latency fake (benchmarks). */
  public FakeComfyUi nodeMs(long ms) {
    nodeMs = ms;
    return this;
  }

  /** Runs {@code action} on this context after {@code ms}, or at once (next turn) for a zero-latency fake. */
  void later(long ms, Runnable action) {
    if (nodeMs == 0) {
      vertx.runOnContext(v -> action.run());
    } else {
      vertx.setTimer(ms, id -> action.run());
    }
  }

  /** Sets how the next prompts behave. */
  public FakeComfyUi mode(Mode next) {
    mode = next;
    return this;
  }

  /** Every workflow submitted to {@code /prompt}, in order (valid or not). */
  public List<JsonObject> workflows() {
    return workflows;
  }

  /** The {@code prompt_id} each {@code POST /prompt} carried (null where the client chose none), in order. */
  public List<String> sentPromptIds() {
    return sentIds;
  }

  /** Bodies of the {@code POST /interrupt} calls received. */
  public List<JsonObject> interrupts() {
    return interrupts;
  }

  /** Prompt ids deleted from the queue with {@code POST /queue}. */
  public List<String> deleted() {
    return deleted;
  }

  /** Requests received for {@code path} (e.g. {@code /history}, {@code /view}, {@code /ws}). */
  public int hits(String path) {
    return hits.getOrDefault(path, new AtomicInteger()).get();
  }

  /** Stops the server. */
  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  FakeNodes nodes() {
    return mode == Mode.VALIDATION_ERROR ? NO_CHECKPOINTS : WITH_CHECKPOINT;
  }

  private void socket(ServerWebSocket ws) {
    count("/ws");
    String clientId = ws.query() == null ? "" : ws.query().replaceFirst("^clientId=", "");
    if (!"/ws".equals(ws.path())) {
      ws.close((short) 1008, "expected /ws");
      return;
    }
    String sid = clientId.isEmpty() ? UUID.randomUUID().toString().replace("-", "") : clientId;
    sockets.put(sid, ws);
    ws.closeHandler(v -> sockets.remove(sid, ws));
    ws.textMessageHandler(text -> {
      if ("feature_flags".equals(new JsonObject(text).getString("type"))) {
        ws.writeTextMessage(message("feature_flags", new JsonObject().put("supports_preview_metadata", true)
            .put("max_upload_size", 104857600)));
      }
    });
    vertx.setTimer(5, id -> ws.writeTextMessage(message("status", status().put("sid", sid))));
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    count(path.startsWith("/history/") ? "/history" : path);
    request.body().onSuccess(body -> {
      switch (request.method().name() + " " + (path.startsWith("/history/") ? "/history/" : path)) {
        case "POST /prompt" -> prompt(request, body);
        case "GET /history/" -> {
          String id = path.substring("/history/".length());
          JsonObject entry = history.get(id);
          json(request, 200, entry == null ? new JsonObject() : new JsonObject().put(id, entry));
        }
        case "GET /history" -> {
          int max = Integer.parseInt(request.getParam("max_items", "1000000"));
          List<String> ids = new ArrayList<>(history.keySet());
          JsonObject answer = new JsonObject();
          ids.subList(Math.max(0, ids.size() - max), ids.size()).forEach(id -> answer.put(id, history.get(id)));
          json(request, 200, answer);
        }
        case "GET /view" -> view(request);
        case "GET /queue" -> json(request, 200, new JsonObject()
            .put("queue_running", running == null ? new JsonArray() : new JsonArray().add(running.item()))
            .put("queue_pending", new JsonArray(new ArrayList<>(pending))));
        case "POST /queue" -> {
          JsonObject command = body.toJsonObject();
          if (command.getBoolean("clear", false)) {
            pending.clear();
          }
          command.getJsonArray("delete", new JsonArray()).forEach(id -> {
            deleted.add((String) id);
            pending.removeIf(item -> id.equals(item.getString(1)));
          });
          broadcastStatus();
          request.response().putHeader("content-type", "application/octet-stream").end();
        }
        case "POST /interrupt" -> interrupt(request, body);
        case "GET /object_info" -> json(request, 200, nodes().objectInfo());
        case "GET /system_stats" -> json(request, 200, new JsonObject()
            .put("system", new JsonObject().put("os", "posix").put("ram_total", 25325268992L).put("ram_free", 24190316544L)
                .put("comfyui_version", VERSION).put("required_frontend_version", "1.27.10")
                .put("installed_templates_version", null).put("required_templates_version", "0.1.95")
                .put("python_version", "3.11.2").put("pytorch_version", "1.13.0a0").put("embedded_python", false)
                .put("argv", new JsonArray().add("main.py").add("--cpu")))
            .put("devices", new JsonArray().add(new JsonObject().put("name", "cpu").put("type", "cpu")
                .put("index", null).put("vram_total", 0).put("vram_free", 0).put("torch_vram_total", 0)
                .put("torch_vram_free", 0))));
        default -> request.response().setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8")
            .end("404: Not Found");
      }
    });
  }

  private void prompt(HttpServerRequest request, Buffer raw) {
    JsonObject body;
    try {
      body = raw.toJsonObject();
    } catch (RuntimeException e) {
      request.response().setStatusCode(500).putHeader("content-type", "text/plain; charset=utf-8")
          .end("500 Internal Server Error\n\nServer got itself in trouble");
      return;
    }
    if (!(body.getValue("prompt") instanceof JsonObject workflow)) {
      json(request, 400, new JsonObject().put("error", new JsonObject().put("type", "no_prompt")
          .put("message", "No prompt provided").put("details", "No prompt provided").put("extra_info", new JsonObject()))
          .put("node_errors", new JsonObject()));
      return;
    }
    workflows.add(workflow);
    sentIds.add(body.getString("prompt_id"));
    String promptId = body.getString("prompt_id", UUID.randomUUID().toString());
    FakeNodes nodes = nodes();
    JsonObject invalid = nodes.validate(workflow);
    if (invalid != null) {
      json(request, 400, invalid);
      return;
    }
    String clientId = body.getString("client_id");
    JsonObject extra = clientId == null ? new JsonObject() : new JsonObject().put("client_id", clientId);
    pending.add(new JsonArray().add(number).add(promptId).add(workflow).add(extra)
        .add(new JsonArray(nodes.outputs(workflow))));
    json(request, 200, new JsonObject().put("prompt_id", promptId).put("number", number++)
        .put("node_errors", new JsonObject()));
    broadcastStatus();
    vertx.runOnContext(v -> next());
  }

  private void interrupt(HttpServerRequest request, Buffer body) {
    JsonObject asked = body.length() == 0 ? new JsonObject() : body.toJsonObject();
    interrupts.add(asked);
    String id = asked.getString("prompt_id");
    if (running != null && (id == null || id.equals(running.promptId()))) {
      running.interrupt();
    }
    request.response().putHeader("content-type", "application/octet-stream").end();
  }

  private void view(HttpServerRequest request) {
    byte[] png = "output".equals(request.getParam("type")) ? files.get(request.getParam("filename", "")) : null;
    if (png == null) {
      request.response().setStatusCode(404).putHeader("content-type", "application/octet-stream").end();
      return;
    }
    request.response().putHeader("content-type", "image/png").end(Buffer.buffer(png));
  }

  private void next() {
    if (running != null || pending.isEmpty() || mode == Mode.QUEUED) {
      return;
    }
    JsonArray item = pending.poll();
    running = new FakeExecution(this, item);
    broadcastStatus();
    running.start();
  }

  /** Called by the execution when it has ended (history written); the next prompt may start. */
  void ended(FakeExecution execution) {
    if (running == execution) {
      running = null;
    }
    broadcastStatus();
    later(2 * nodeMs, () -> {
      execution.sendFinalExecuting();
      next();
    });
  }

  /** Sends an event of a prompt: to its client; without a client, ComfyUI broadcasts only progress_state. */
  void send(String clientId, String type, JsonObject data) {
    if (clientId == null) {
      if ("progress_state".equals(type)) {
        sockets.values().forEach(ws -> ws.writeTextMessage(message(type, data)));
      }
      return;
    }
    ServerWebSocket ws = sockets.get(clientId);
    if (ws != null && !ws.isClosed()) {
      ws.writeTextMessage(message(type, data));
    }
  }

  void sendBinary(String clientId, Buffer frame) {
    ServerWebSocket ws = clientId == null ? null : sockets.get(clientId);
    if (ws != null && !ws.isClosed()) {
      ws.writeBinaryMessage(frame);
    }
  }

  void dropSocket(String clientId) {
    ServerWebSocket ws = clientId == null ? null : sockets.remove(clientId);
    if (ws != null) {
      ws.close();
    }
  }

  private void broadcastStatus() {
    String text = message("status", status());
    sockets.values().forEach(ws -> ws.writeTextMessage(text));
  }

  private JsonObject status() {
    return new JsonObject().put("status", new JsonObject().put("exec_info", new JsonObject()
        .put("queue_remaining", pending.size() + (running == null ? 0 : 1))));
  }

  private static String message(String type, JsonObject data) {
    return new JsonObject().put("type", type).put("data", data).encode();
  }

  private void count(String path) {
    hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("content-type", JSON).end(body.encode());
  }
}
