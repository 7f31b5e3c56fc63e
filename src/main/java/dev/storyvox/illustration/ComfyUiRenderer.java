package dev.storyvox.illustration;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders images on a ComfyUI server: fills the workflow template, queues it with {@code POST /prompt} under
 * a prompt id chosen here, follows its events on the shared websocket (forwarding sampler progress) and, once
 * ComfyUI says {@code executing} with {@code node: null}, fetches with {@code GET /view} the image the save
 * node's {@code executed} message named (ComfyUI sends it for cached nodes too); when that message was missed,
 * it reads {@code GET /history/{id}} (written by then) for the outcome and the image. {@code execution_error} fails the
 * job naming ComfyUI's node, exception type and message; {@code execution_interrupted} reports it cancelled.
 * While the websocket is down, running prompts are confirmed by polling the history instead. Cancelling
 * interrupts a running prompt or deletes a queued one. Confined to the event loop of the verticle that owns it.
 *
 * <p>Prompts are queued in the order their renders were asked for (each {@code POST /prompt} waits for the one
 * before it to be answered), so ComfyUI, which runs its queue one prompt after another, draws them in that
 * order. {@code timeoutMs} bounds each render from the moment the renders asked for before it have ended.
 */
final class ComfyUiRenderer {

  private static final Logger LOG = LoggerFactory.getLogger(ComfyUiRenderer.class);
  private static final long READY_TIMEOUT_MS = 1500;

  private final Vertx vertx;
  private final ComfyUiClient client;
  private final WorkflowTemplate template;
  private final long timeoutMs;
  private final long pollMs;
  private final ComfyUiSocket socket;
  private final Map<String, RenderJob> byJob = new LinkedHashMap<>();
  private final Map<String, RenderJob> byPrompt = new HashMap<>();
  private final ModelCheck models;
  private Future<?> lastSubmit = Future.succeededFuture();

  /**
   * @param timeoutMs longest one image may take ({@code comfyui.timeoutMs})
   * @param pollMs history poll interval while the websocket is down
   */
  ComfyUiRenderer(Vertx vertx, ComfyUiClient client, WorkflowTemplate template, long timeoutMs, long pollMs) {
    this.vertx = vertx;
    this.client = client;
    this.template = template;
    this.timeoutMs = timeoutMs;
    this.pollMs = pollMs;
    this.socket = new ComfyUiSocket(vertx, client.baseUrl(), client.clientId(), this::onMessage, v -> onDrop());
    this.models = new ModelCheck(vertx, client, template);
  }

  /** Opens the websocket (and keeps it open) and starts checking the workflow's model files. */
  void start() {
    socket.connect();
    models.start();
  }

  /** The model files check against {@code /object_info}. */
  ModelCheck models() {
    return models;
  }

  /** Renders one image; fails with COMFYUI_FAILURE (or TIMEOUT after {@code timeoutMs}). */
  Future<RenderReply> render(RenderRequest request) {
    if (byJob.containsKey(request.jobId())) {
      return Future.failedFuture(new ServiceException(ErrorCode.INVALID_REQUEST,
          "render job " + request.jobId() + " is already running"));
    }
    RenderJob job = new RenderJob(request, template.render(request.prompt(), request.seed(), request.width(),
        request.height()));
    byJob.put(request.jobId(), job);
    job.promptId = UUID.randomUUID().toString();
    byPrompt.put(job.promptId, job);
    armFirst();
    Future<String> submitted = lastSubmit.transform(ignored -> job.done()
        ? Future.failedFuture(new ServiceException(ErrorCode.COMFYUI_FAILURE, Reason.CANCELLED, "not queued"))
        : client.submit(job.workflow, job.promptId));
    lastSubmit = submitted;
    submitted.onComplete(ar -> {
      if (ar.failed()) {
        finish(job, ar.cause());
        return;
      }
      rekey(job, ar.result());
      if (job.done()) {
        abandon(job);
      } else if (!socket.connected()) {
        poll(job);
      }
    });
    return job.future();
  }

  /** Cancels job {@code jobId}: its caller gets a failure and ComfyUI stops working on it. */
  void cancel(String jobId) {
    RenderJob job = byJob.get(jobId);
    if (job != null) {
      LOG.info("cancelling render {}", jobId);
      abandon(job);
      finish(job, new ServiceException(ErrorCode.COMFYUI_FAILURE, Reason.CANCELLED, "render " + jobId
          + " was cancelled"));
    }
  }

  /**
   * READY with ComfyUI's version and devices when {@code /system_stats} answers and the server offers every
   * model file the workflow names; UNAVAILABLE naming the missing file and its folder, or why it cannot be reached.
   */
  Future<Readiness> readiness() {
    return client.systemStats(READY_TIMEOUT_MS)
        .compose(stats -> models.current().map(missing -> missing == null ? Readiness.ready(describe(stats))
            : Readiness.unavailable(missing)))
        .otherwise(e -> Readiness.unavailable(e.getMessage()));
  }

  /** Fails every pending job and closes the websocket. */
  void close() {
    models.close();
    socket.close();
    for (RenderJob job : List.copyOf(byJob.values())) {
      finish(job, new ServiceException(ErrorCode.UNAVAILABLE, "the ComfyUI client is shutting down"));
    }
    client.close();
  }

  private void rekey(RenderJob job, String promptId) {
    if (!promptId.equals(job.promptId)) {
      byPrompt.remove(job.promptId, job);
      job.promptId = promptId;
      byPrompt.put(promptId, job);
    }
    LOG.debug("render {} queued as ComfyUI prompt {}", job.request.jobId(), promptId);
  }

  private void onMessage(JsonObject message) {
    JsonObject data = message.getValue("data") instanceof JsonObject d ? d : null;
    RenderJob job = data != null && data.getValue("prompt_id") instanceof String id ? byPrompt.get(id) : null;
    if (job == null) {
      return;
    }
    switch (message.getString("type", "")) {
      case "progress" -> progress(job, data);
      case "executed" -> {
        if (template.nodeId(WorkflowTemplate.SAVE).equals(data.getValue("node"))
            && data.getValue("output") instanceof JsonObject output) {
          job.saved = image(output);
        }
      }
      case "executing" -> {
        if (data.containsKey("node") && data.getValue("node") == null) {
          confirm(job);
        }
      }
      case "execution_error" -> finish(job, ComfyUiErrors.executionFailed(data, job.workflow));
      case "execution_interrupted" -> finish(job, ComfyUiErrors.interrupted(data, job.workflow, job.request.jobId()));
      default -> { }
    }
  }

  private void progress(RenderJob job, JsonObject data) {
    String address = job.request.progressAddress();
    if (address != null) {
      vertx.eventBus().publish(address, new RenderProgress(job.request.jobId(), data.getInteger("value", 0),
          data.getInteger("max", 0)));
    }
  }

  private void onDrop() {
    byPrompt.values().forEach(this::poll);
  }

  private void poll(RenderJob job) {
    if (job.pollTimer < 0 && !job.done()) {
      job.pollTimer = vertx.setPeriodic(pollMs, id -> confirm(job));
    }
  }

  private void confirm(RenderJob job) {
    if (job.confirming || job.done()) {
      return;
    }
    job.confirming = true;
    if (job.saved != null) {
      fetch(job, job.saved);
      return;
    }
    client.history(job.promptId).onComplete(ar -> {
      if (ar.succeeded() && ar.result() != null && settle(job, ar.result())) {
        return;
      }
      job.confirming = false;
      if (ar.failed() && socket.connected()) {
        finish(job, ar.cause());
      } else {
        poll(job);
      }
    });
  }

  /** Acts on a history entry; false while the prompt has not finished. */
  private boolean settle(RenderJob job, JsonObject entry) {
    JsonObject status = entry.getJsonObject("status", new JsonObject());
    if ("error".equals(status.getString("status_str"))) {
      finish(job, historyError(job, status));
      return true;
    }
    JsonObject image = savedImage(entry.getJsonObject("outputs", new JsonObject()));
    if (image == null) {
      if (!status.getBoolean("completed", false)) {
        return false;
      }
      finish(job, new ServiceException(ErrorCode.COMFYUI_FAILURE, "ComfyUI finished " + job.request.jobId()
          + " but node " + template.nodeId(WorkflowTemplate.SAVE) + " (" + WorkflowTemplate.SAVE + ") saved no image"));
      return true;
    }
    fetch(job, image);
    return true;
  }

  private void fetch(RenderJob job, JsonObject image) {
    client.view(image).onComplete(ar -> {
      if (ar.succeeded()) {
        succeed(job, new RenderReply(ar.result(), "comfyui", job.promptId));
      } else {
        finish(job, ar.cause());
      }
    });
  }

  /** The first image of the save node in a history entry's {@code outputs}. */
  private JsonObject savedImage(JsonObject outputs) {
    return outputs.getValue(template.nodeId(WorkflowTemplate.SAVE)) instanceof JsonObject saved ? image(saved) : null;
  }

  /** The first image a node's output names, or null. */
  private static JsonObject image(JsonObject output) {
    return output.getValue("images") instanceof JsonArray images && !images.isEmpty()
        && images.getValue(0) instanceof JsonObject first ? first : null;
  }

  private ServiceException historyError(RenderJob job, JsonObject status) {
    for (Object message : status.getJsonArray("messages", new JsonArray())) {
      if (message instanceof JsonArray pair && pair.getValue(1) instanceof JsonObject data) {
        if ("execution_error".equals(pair.getValue(0))) {
          return ComfyUiErrors.executionFailed(data, job.workflow);
        }
        if ("execution_interrupted".equals(pair.getValue(0))) {
          return ComfyUiErrors.interrupted(data, job.workflow, job.request.jobId());
        }
      }
    }
    return new ServiceException(ErrorCode.COMFYUI_FAILURE, "ComfyUI reports an error for " + job.request.jobId());
  }

  private void abandon(RenderJob job) {
    String promptId = job.promptId;
    if (promptId == null) {
      return;
    }
    client.queuePosition(promptId)
        .compose(running -> running == null ? Future.succeededFuture()
            : running ? client.interrupt(promptId) : client.deleteQueued(promptId))
        .onFailure(e -> LOG.warn("could not stop ComfyUI prompt {}: {}", promptId, e.getMessage()));
  }

  private void succeed(RenderJob job, RenderReply reply) {
    if (job.succeed(reply)) {
      forget(job);
    }
  }

  private void finish(RenderJob job, Throwable cause) {
    if (job.fail(cause)) {
      forget(job);
    }
  }

  private void forget(RenderJob job) {
    if (job.timeoutTimer >= 0) {
      vertx.cancelTimer(job.timeoutTimer);
    }
    if (job.pollTimer >= 0) {
      vertx.cancelTimer(job.pollTimer);
    }
    byJob.remove(job.request.jobId(), job);
    if (job.promptId != null) {
      byPrompt.remove(job.promptId, job);
    }
    armFirst();
  }

  /** Starts the timeout of the oldest render still pending: ComfyUI works on it (or on others' prompts) now. */
  private void armFirst() {
    RenderJob first = byJob.isEmpty() ? null : byJob.values().iterator().next();
    if (first != null && first.timeoutTimer < 0) {
      first.timeoutTimer = vertx.setTimer(timeoutMs, id -> {
        abandon(first);
        finish(first, new ServiceException(ErrorCode.TIMEOUT, "ComfyUI did not finish " + first.request.jobId()
            + " within " + timeoutMs / 1000 + " s (comfyui.timeoutMs)"));
      });
    }
  }

  private String describe(JsonObject stats) {
    JsonObject system = stats.getJsonObject("system", new JsonObject());
    StringBuilder devices = new StringBuilder();
    for (Object device : stats.getJsonArray("devices", new JsonArray())) {
      if (device instanceof JsonObject d) {
        devices.append(devices.length() == 0 ? "" : ", ").append(d.getString("name", d.getString("type", "?")));
      }
    }
    return "ComfyUI " + system.getString("comfyui_version", "(version unknown)") + " at " + client.baseUrl()
        + (devices.length() == 0 ? "" : " on " + devices) + "; workflow " + template.source();
  }
}
