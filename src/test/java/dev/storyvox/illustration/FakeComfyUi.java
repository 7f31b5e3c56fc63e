package dev.storyvox.illustration;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * A ComfyUI stand-in on 127.0.0.1 (real HTTP and websocket, port 0) that speaks ComfyUI's API:
 * {@code POST /prompt} (checks the workflow has the panel's node types), {@code /ws?clientId=} (status,
 * execution_start, executing, progress 1..N, executed, execution_success, a binary preview frame),
 * {@code GET /history/{id}}, {@code GET /view} (a real PNG), {@code GET|POST /queue}, {@code POST /interrupt}
 * and {@code GET /system_stats}. The {@link Mode} picks how the next prompts go; submitted workflows and
 * hits per path are recorded for assertions.
 */
public final class FakeComfyUi {

  /** How prompts submitted from now on behave. */
  public enum Mode {
    /** Runs and saves an image. */
    SUCCESS,
    /** {@code POST /prompt} answers 400: the checkpoint is not in the list (node_errors on the loader). */
    VALIDATION_ERROR,
    /** The sampler fails with execution_error (out of memory). */
    EXECUTION_ERROR,
    /** The websocket is closed after execution_start; the image is saved later, seen only in the history. */
    DROP_SOCKET,
    /** Runs forever after the first progress step, until {@code /interrupt}. */
    HANG,
    /** Stays queued behind another prompt until deleted. */
    QUEUED
  }

  /** The workflow node types {@code /prompt} requires. */
  public static final List<String> REQUIRED = List.of("CheckpointLoaderSimple", "CLIPTextEncode", "EmptyLatentImage",
      "KSampler", "VAEDecode", "SaveImage");
  /** The version {@code /system_stats} reports. */
  public static final String VERSION = "0.3.40-fake";

  private final Vertx vertx;
  private final int steps;
  private final byte[] png = png();
  private final Map<String, ServerWebSocket> sockets = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> history = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final List<JsonObject> workflows = new CopyOnWriteArrayList<>();
  private final List<JsonObject> interrupts = new CopyOnWriteArrayList<>();
  private final List<String> deleted = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.SUCCESS;
  private volatile String running;
  private HttpServer server;
  private int number;

  /** A fake whose sampler reports {@code steps} progress steps. */
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

  /** Sets how the next prompts behave. */
  public FakeComfyUi mode(Mode next) {
    mode = next;
    return this;
  }

  /** Every workflow submitted to {@code /prompt}, in order (valid or not). */
  public List<JsonObject> workflows() {
    return workflows;
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

  private void socket(ServerWebSocket ws) {
    count("/ws");
    String clientId = ws.query() == null ? "" : ws.query().replaceFirst("^clientId=", "");
    if (!"/ws".equals(ws.path()) || clientId.isEmpty()) {
      ws.close((short) 1008, "expected /ws?clientId=");
      return;
    }
    sockets.put(clientId, ws);
    ws.closeHandler(v -> sockets.remove(clientId, ws));
    send(clientId, "status", new JsonObject().put("status", new JsonObject()
        .put("exec_info", new JsonObject().put("queue_remaining", 0))).put("sid", clientId));
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    count(path.startsWith("/history/") ? "/history" : path);
    request.body().onSuccess(body -> {
      switch (request.method().name() + " " + (path.startsWith("/history/") ? "/history/" : path)) {
        case "POST /prompt" -> prompt(request, body.toJsonObject());
        case "GET /history/" -> {
          String id = path.substring("/history/".length());
          JsonObject entry = history.get(id);
          json(request, 200, entry == null ? new JsonObject() : new JsonObject().put(id, entry));
        }
        case "GET /view" -> view(request);
        case "GET /queue" -> json(request, 200, new JsonObject()
            .put("queue_running", running == null ? new JsonArray() : new JsonArray().add(queueItem(running)))
            .put("queue_pending", new JsonArray(pending.stream().map(this::queueItem).toList())));
        case "POST /queue" -> {
          body.toJsonObject().getJsonArray("delete", new JsonArray()).forEach(id -> {
            deleted.add((String) id);
            pending.remove(id);
          });
          json(request, 200, new JsonObject());
        }
        case "POST /interrupt" -> interrupt(request, body);
        case "GET /system_stats" -> json(request, 200, new JsonObject()
            .put("system", new JsonObject().put("os", "posix").put("comfyui_version", VERSION)
                .put("python_version", "3.12.3").put("pytorch_version", "2.5.1+cpu"))
            .put("devices", new JsonArray().add(new JsonObject().put("name", "cpu").put("type", "cpu")
                .put("vram_total", 0).put("vram_free", 0))));
        default -> request.response().setStatusCode(404).end("404: Not Found");
      }
    });
  }

  private void prompt(HttpServerRequest request, JsonObject body) {
    JsonObject workflow = body.getJsonObject("prompt", new JsonObject());
    String clientId = body.getString("client_id");
    workflows.add(workflow);
    String loader = nodeOf(workflow, "CheckpointLoaderSimple");
    List<String> missing = REQUIRED.stream().filter(type -> nodeOf(workflow, type) == null).toList();
    if (!missing.isEmpty() || mode == Mode.VALIDATION_ERROR) {
      String node = loader == null ? "4" : loader;
      json(request, 400, new JsonObject()
          .put("error", new JsonObject().put("type", "prompt_outputs_failed_validation")
              .put("message", "Prompt outputs failed validation").put("details", "").put("extra_info", new JsonObject()))
          .put("node_errors", new JsonObject().put(node, new JsonObject()
              .put("errors", new JsonArray().add(new JsonObject().put("type", "value_not_in_list")
                  .put("message", "Value not in list")
                  .put("details", missing.isEmpty() ? "ckpt_name: 'missing.safetensors' not in []" : "missing " + missing)))
              .put("dependent_outputs", new JsonArray().add(nodeOf(workflow, "SaveImage")))
              .put("class_type", "CheckpointLoaderSimple"))));
      return;
    }
    String promptId = UUID.randomUUID().toString();
    json(request, 200, new JsonObject().put("prompt_id", promptId).put("number", number++)
        .put("node_errors", new JsonObject()));
    new FakeExecution(vertx, this, mode, clientId, promptId, workflow, steps).start();
  }

  private void interrupt(HttpServerRequest request, Buffer body) {
    interrupts.add(body.length() == 0 ? new JsonObject() : body.toJsonObject());
    String current = running;
    if (current != null) {
      running = null;
      history.put(current, FakeExecution.entry(new JsonObject(), "error", new JsonArray()
          .add(new JsonArray().add("execution_interrupted").add(new JsonObject().put("prompt_id", current)))));
      sockets.values().forEach(ws -> ws.writeTextMessage(message("execution_interrupted",
          new JsonObject().put("prompt_id", current).put("node_id", "3").put("node_type", "KSampler"))));
    }
    request.response().end();
  }

  private void view(HttpServerRequest request) {
    String filename = request.getParam("filename", "");
    if (!filename.startsWith("storyvox_") || !"output".equals(request.getParam("type"))) {
      request.response().setStatusCode(404).end();
      return;
    }
    request.response().putHeader("content-type", "image/png").end(Buffer.buffer(png));
  }

  void started(String promptId) {
    running = promptId;
  }

  void queued(String promptId) {
    pending.add(promptId);
  }

  boolean isRunning(String promptId) {
    return promptId.equals(running);
  }

  void finished(String promptId, JsonObject entry) {
    running = promptId.equals(running) ? null : running;
    history.put(promptId, entry);
  }

  void send(String clientId, String type, JsonObject data) {
    ServerWebSocket ws = sockets.get(clientId);
    if (ws != null && !ws.isClosed()) {
      ws.writeTextMessage(message(type, data));
    }
  }

  void sendPreview(String clientId) {
    ServerWebSocket ws = sockets.get(clientId);
    if (ws != null && !ws.isClosed()) {
      ws.writeBinaryMessage(Buffer.buffer().appendInt(1).appendInt(2).appendBytes(png));
    }
  }

  void dropSocket(String clientId) {
    ServerWebSocket ws = sockets.remove(clientId);
    if (ws != null) {
      ws.close();
    }
  }

  static String nodeOf(JsonObject workflow, String classType) {
    return workflow.fieldNames().stream()
        .filter(id -> workflow.getValue(id) instanceof JsonObject node && classType.equals(node.getString("class_type")))
        .findFirst().orElse(null);
  }

  private JsonArray queueItem(String promptId) {
    return new JsonArray().add(0).add(promptId).add(new JsonObject()).add(new JsonObject()).add(new JsonArray());
  }

  private static String message(String type, JsonObject data) {
    return new JsonObject().put("type", type).put("data", data).encode();
  }

  private void count(String path) {
    hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  private static byte[] png() {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, Color.ORANGE, 64, 48, Color.BLUE));
    g.fillRect(0, 0, 64, 48);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
