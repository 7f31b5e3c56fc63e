package dev.storyvox.illustration;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** One prompt running on {@link FakeComfyUi}: the websocket messages ComfyUI sends, paced by timers. */
final class FakeExecution {

  private static final long STEP_MS = 10;

  private final Vertx vertx;
  private final FakeComfyUi fake;
  private final FakeComfyUi.Mode mode;
  private final String clientId;
  private final String promptId;
  private final JsonObject workflow;
  private final int steps;

  FakeExecution(Vertx vertx, FakeComfyUi fake, FakeComfyUi.Mode mode, String clientId, String promptId,
                JsonObject workflow, int steps) {
    this.vertx = vertx;
    this.fake = fake;
    this.mode = mode;
    this.clientId = clientId;
    this.promptId = promptId;
    this.workflow = workflow;
    this.steps = steps;
  }

  void start() {
    if (mode == FakeComfyUi.Mode.QUEUED) {
      fake.queued(promptId);
      return;
    }
    vertx.setTimer(STEP_MS, id -> begin());
  }

  /** A history entry as ComfyUI stores it. */
  static JsonObject entry(JsonObject outputs, String statusStr, JsonArray messages) {
    return new JsonObject().put("prompt", new JsonArray()).put("outputs", outputs).put("meta", new JsonObject())
        .put("status", new JsonObject().put("status_str", statusStr).put("completed", "success".equals(statusStr))
            .put("messages", messages));
  }

  private void begin() {
    fake.started(promptId);
    fake.send(clientId, "status", new JsonObject().put("status", new JsonObject()
        .put("exec_info", new JsonObject().put("queue_remaining", 1))));
    fake.send(clientId, "execution_start", data());
    fake.send(clientId, "execution_cached", data().put("nodes", new JsonArray()));
    fake.send(clientId, "executing", data().put("node", sampler()).put("display_node", sampler()));
    if (mode == FakeComfyUi.Mode.DROP_SOCKET) {
      fake.dropSocket(clientId);
      vertx.setTimer(STEP_MS * 30, id -> succeed());
      return;
    }
    step(1);
  }

  private void step(int value) {
    if (!fake.isRunning(promptId)) {
      return;
    }
    fake.send(clientId, "progress", data().put("value", value).put("max", steps).put("node", sampler()));
    fake.sendPreview(clientId);
    if (mode == FakeComfyUi.Mode.HANG) {
      return;
    }
    if (mode == FakeComfyUi.Mode.EXECUTION_ERROR) {
      fail();
    } else if (value < steps) {
      vertx.setTimer(STEP_MS, id -> step(value + 1));
    } else {
      succeed();
    }
  }

  private void succeed() {
    String save = FakeComfyUi.nodeOf(workflow, "SaveImage");
    JsonObject images = new JsonObject().put("images", new JsonArray().add(new JsonObject()
        .put("filename", "storyvox_00001_.png").put("subfolder", "").put("type", "output")));
    fake.finished(promptId, entry(new JsonObject().put(save, images), "success", new JsonArray()
        .add(new JsonArray().add("execution_start").add(data()))
        .add(new JsonArray().add("execution_success").add(data()))));
    if (mode == FakeComfyUi.Mode.DROP_SOCKET) {
      return;
    }
    fake.send(clientId, "executing", data().put("node", save).put("display_node", save));
    fake.send(clientId, "executed", data().put("node", save).put("display_node", save).put("output", images));
    fake.send(clientId, "execution_success", data());
    fake.send(clientId, "executing", data().putNull("node").putNull("display_node"));
  }

  private void fail() {
    JsonObject error = data().put("node_id", sampler()).put("node_type", "KSampler").put("executed", new JsonArray())
        .put("exception_message", "Allocation on device 0 would exceed allowed memory. (out of memory)")
        .put("exception_type", "torch.OutOfMemoryError").put("traceback", new JsonArray())
        .put("current_inputs", new JsonObject()).put("current_outputs", new JsonObject());
    fake.finished(promptId, entry(new JsonObject(), "error", new JsonArray()
        .add(new JsonArray().add("execution_error").add(error))));
    fake.send(clientId, "execution_error", error);
  }

  private String sampler() {
    return FakeComfyUi.nodeOf(workflow, "KSampler");
  }

  private JsonObject data() {
    return new JsonObject().put("prompt_id", promptId).put("timestamp", System.currentTimeMillis());
  }
}
