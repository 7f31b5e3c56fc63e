package dev.storyvox.illustration;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.ConnectException;
import java.util.UUID;

/**
 * ComfyUI's HTTP API: {@code POST /prompt}, {@code GET /history/{id}}, {@code GET /view},
 * {@code GET /queue}, {@code POST /interrupt}, {@code POST /queue} (delete), {@code GET /object_info} and
 * {@code GET /system_stats}. The prompt id is chosen here, before {@code POST /prompt}, so the websocket events
 * of a prompt (which may arrive before the reply) always find their job.
 * Every failure is a {@link ServiceException} with COMFYUI_FAILURE and a message the user can act on
 * ("ComfyUI at http://… refused the connection", "… rejected the workflow: node 3 (KSampler …): …").
 */
public final class ComfyUiClient {

  private static final long REQUEST_TIMEOUT_MS = 30_000;

  private final WebClient web;
  private final String baseUrl;
  private final String clientId = UUID.randomUUID().toString();

  /** A client of the ComfyUI server at {@code baseUrl} (e.g. {@code http://127.0.0.1:8188}). */
  public ComfyUiClient(Vertx vertx, String baseUrl) {
    this.web = WebClient.create(vertx);
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** The id this process submits prompts under; its websocket receives their events. */
  public String clientId() {
    return clientId;
  }

  /** The server's base URL. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Queues {@code workflow} as {@code promptId}; answers the prompt id, or fails naming the nodes ComfyUI rejected. */
  public Future<String> submit(JsonObject workflow, String promptId) {
    JsonObject body = new JsonObject().put("prompt", workflow).put("client_id", clientId).put("prompt_id", promptId);
    return send(request(HttpMethod.POST, "/prompt"), "POST /prompt", body).map(response -> {
      if (response.statusCode() == 400) {
        throw ComfyUiErrors.rejected(json(response), workflow);
      }
      JsonObject answer = expectJson(response, "POST /prompt");
      String queued = answer.getString("prompt_id");
      if (queued == null) {
        throw failure("ComfyUI at " + baseUrl + " answered POST /prompt without a prompt_id: " + answer.encode());
      }
      return queued;
    });
  }

  /** The history entry of a prompt, or null while ComfyUI has none (still queued or running). */
  public Future<JsonObject> history(String promptId) {
    return send(request(HttpMethod.GET, "/history/" + promptId), "GET /history", null)
        .map(response -> expectJson(response, "GET /history").getJsonObject(promptId));
  }

  /** The bytes of one output image, {@code image} being {@code {filename, subfolder, type}}. */
  public Future<byte[]> view(JsonObject image) {
    HttpRequest<Buffer> request = request(HttpMethod.GET, "/view")
        .addQueryParam("filename", image.getString("filename", ""))
        .addQueryParam("subfolder", image.getString("subfolder", ""))
        .addQueryParam("type", image.getString("type", "output"));
    return send(request, "GET /view", null).map(response -> {
      expectOk(response, "GET /view");
      return response.body() == null ? new byte[0] : response.body().getBytes();
    });
  }

  /** Whether {@code promptId} is running ({@code true}), waiting ({@code false}) or neither (null). */
  public Future<Boolean> queuePosition(String promptId) {
    return send(request(HttpMethod.GET, "/queue"), "GET /queue", null).map(response -> {
      JsonObject queue = expectJson(response, "GET /queue");
      if (holds(queue.getJsonArray("queue_running"), promptId)) {
        return true;
      }
      return holds(queue.getJsonArray("queue_pending"), promptId) ? false : null;
    });
  }

  /** Interrupts the running prompt (newer ComfyUI only interrupts it when it is {@code promptId}). */
  public Future<Void> interrupt(String promptId) {
    return send(request(HttpMethod.POST, "/interrupt"), "POST /interrupt", new JsonObject().put("prompt_id", promptId))
        .map(response -> expectOk(response, "POST /interrupt")).mapEmpty();
  }

  /** Removes a waiting prompt from the queue. */
  public Future<Void> deleteQueued(String promptId) {
    JsonObject body = new JsonObject().put("delete", new JsonArray().add(promptId));
    return send(request(HttpMethod.POST, "/queue"), "POST /queue", body)
        .map(response -> expectOk(response, "POST /queue")).mapEmpty();
  }

  /** {@code GET /object_info}: every node class with its inputs (model file lists included). */
  public Future<JsonObject> objectInfo() {
    return send(request(HttpMethod.GET, "/object_info"), "GET /object_info", null)
        .map(response -> expectJson(response, "GET /object_info"));
  }

  /** {@code GET /system_stats}: versions and devices, answered within {@code timeoutMs}. */
  public Future<JsonObject> systemStats(long timeoutMs) {
    return send(request(HttpMethod.GET, "/system_stats").timeout(timeoutMs), "GET /system_stats", null)
        .map(response -> expectJson(response, "GET /system_stats"));
  }

  /** Closes the HTTP client. */
  public void close() {
    web.close();
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    return web.requestAbs(method, baseUrl + path).timeout(REQUEST_TIMEOUT_MS);
  }

  private Future<HttpResponse<Buffer>> send(HttpRequest<Buffer> request, String what, JsonObject body) {
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent.recover(e -> Future.failedFuture(unreachable(e, what)));
  }

  private ServiceException unreachable(Throwable e, String what) {
    if (e instanceof ConnectException) {
      return new ServiceException(ErrorCode.COMFYUI_FAILURE, "ComfyUI at " + baseUrl + " refused the connection"
          + " (is it running? set comfyui.url, or leave it empty to draw illustration cards)", e);
    }
    return new ServiceException(ErrorCode.COMFYUI_FAILURE, "ComfyUI at " + baseUrl + " did not answer " + what + ": "
        + e.getMessage(), e);
  }

  private HttpResponse<Buffer> expectOk(HttpResponse<Buffer> response, String what) {
    if (response.statusCode() / 100 != 2) {
      String body = response.bodyAsString();
      throw failure("ComfyUI at " + baseUrl + " answered " + response.statusCode() + " to " + what
          + (body == null || body.isBlank() ? "" : ": " + ComfyUiErrors.shorten(body)));
    }
    return response;
  }

  private JsonObject expectJson(HttpResponse<Buffer> response, String what) {
    expectOk(response, what);
    JsonObject json = json(response);
    if (json == null) {
      throw failure("ComfyUI at " + baseUrl + " answered " + what + " with something that is not a JSON object");
    }
    return json;
  }

  private static JsonObject json(HttpResponse<Buffer> response) {
    try {
      return response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean holds(JsonArray entries, String promptId) {
    if (entries == null) {
      return false;
    }
    for (Object entry : entries) {
      if (entry instanceof JsonArray item && item.size() > 1 && promptId.equals(item.getValue(1))) {
        return true;
      }
    }
    return false;
  }

  private static ServiceException failure(String message) {
    return new ServiceException(ErrorCode.COMFYUI_FAILURE, message);
  }
}
