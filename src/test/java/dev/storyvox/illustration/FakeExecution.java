package dev.storyvox.illustration;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * One prompt running on {@link FakeComfyUi}, node by node in ComfyUI's order (dependencies first), sending the
 * messages the recorded server sends: execution_start, execution_cached, per node progress_state (running),
 * executing, progress and a binary preview per sampler step, executed for a saving node, progress_state
 * (finished); then execution_success (or execution_error / execution_interrupted), the history entry, status,
 * and {@code executing} with {@code node: null}. Nodes whose inputs equal the previous prompt's are cached.
 */
final class FakeExecution {

  private static final long NODE_MS = 10;
  private static final byte[] PNG = encodePng();
  private static final long BLUR_MS = 300;

  private final FakeComfyUi fake;
  private final JsonArray item;
  private final String promptId;
  private final JsonObject workflow;
  private final String clientId;
  private final List<String> order = new ArrayList<>();
  private final List<String> executed = new ArrayList<>();
  private final JsonObject outputs = new JsonObject();
  private final JsonObject meta = new JsonObject();
  private final JsonArray messages = new JsonArray();
  private final JsonObject states = new JsonObject();
  private final Map<String, String> signatures = new HashMap<>();
  private boolean interrupted;

  FakeExecution(FakeComfyUi fake, JsonArray item) {
    this.fake = fake;
    this.item = item;
    this.promptId = item.getString(1);
    this.workflow = item.getJsonObject(2);
    this.clientId = item.getJsonObject(3).getString("client_id");
    for (Object output : item.getJsonArray(4)) {
      visit((String) output, new HashSet<>());
    }
  }

  String promptId() {
    return promptId;
  }

  /** The entry {@code GET /queue} lists. */
  JsonArray item() {
    return item;
  }

  /** ComfyUI's interrupt flag: acts when the next node starts or the sampler takes its next step. */
  void interrupt() {
    interrupted = true;
  }

  void start() {
    event("execution_start", data());
    Set<String> signatures = new LinkedHashSet<>();
    JsonArray cached = new JsonArray();
    for (String id : order) {
      signatures.add(signature(id));
      if (fake.cache.contains(signature(id))) {
        cached.add(id);
      }
    }
    event("execution_cached", data().put("nodes", cached));
    Set<String> previous = fake.cache;
    fake.cache = signatures;
    if (fake.mode == FakeComfyUi.Mode.DROP_SOCKET) {
      fake.dropSocket(clientId);
    }
    List<String> toRun = new ArrayList<>();
    for (String id : order) {
      if (previous.contains(signature(id))) {
        JsonObject saved = fake.saved.get(signature(id));
        if (saved != null) {
          keep(id, saved);
          send("executed", new JsonObject().put("node", id).put("display_node", id).put("output", saved)
              .put("prompt_id", promptId));
        }
      } else {
        toRun.add(id);
      }
    }
    if (toRun.isEmpty()) {
      send("progress_state", data().put("nodes", states.copy()));
    }
    fake.later(fake.nodeMs, () -> run(toRun, 0));
  }

  void sendFinalExecuting() {
    send("executing", new JsonObject().putNull("node").put("prompt_id", promptId));
  }

  private void run(List<String> toRun, int index) {
    if (index == toRun.size()) {
      end("execution_success", data(), "success");
      return;
    }
    String id = toRun.get(index);
    state(id, 0, "running");
    send("executing", new JsonObject().put("node", id).put("display_node", id).put("prompt_id", promptId));
    if (interrupted) {
      end("execution_interrupted", data().put("node_id", id).put("node_type", type(id))
          .put("executed", executedLatestFirst()), "error");
      return;
    }
    switch (type(id)) {
      case "KSampler" -> sample(toRun, index, 1);
      case "ImageToMask" -> {
        if ("alpha".equals(inputs(id).getString("channel"))) {
          fail(id, "IndexError", "index 3 is out of bounds for dimension 3 with size 3\n");
        } else {
          done(toRun, index, fake.nodeMs);
        }
      }
      case "ImageBlur" -> done(toRun, index, BLUR_MS);
      case "SaveImage" -> {
        String prefix = inputs(id).getString("filename_prefix", "ComfyUI");
        String name = String.format("%s_%05d_.png", prefix, fake.counters.merge(prefix, 1, Integer::sum));
        fake.files.put(name, png());
        JsonObject saved = new JsonObject().put("images", new JsonArray().add(new JsonObject().put("filename", name)
            .put("subfolder", "").put("type", "output")));
        keep(id, saved);
        fake.saved.put(signature(id), saved);
        send("executed", new JsonObject().put("node", id).put("display_node", id).put("output", saved)
              .put("prompt_id", promptId));
        done(toRun, index, fake.nodeMs);
      }
      case "SaveImageWebsocket" -> {
        state(id, 0, "running");
        send("progress", new JsonObject().put("value", 0).put("max", 1).put("prompt_id", promptId).put("node", id));
        fake.sendBinary(clientId, Buffer.buffer().appendInt(1).appendInt(2).appendBytes(png()));
        done(toRun, index, fake.nodeMs);
      }
      default -> done(toRun, index, fake.nodeMs);
    }
  }

  private void keep(String id, JsonObject saved) {
    outputs.put(id, saved);
    meta.put(id, new JsonObject().put("node_id", id).put("display_node", id).putNull("parent_node")
        .put("real_node_id", id));
  }

  private JsonArray executedLatestFirst() {
    JsonArray list = new JsonArray();
    for (int i = executed.size() - 1; i >= 0; i--) {
      list.add(executed.get(i));
    }
    return list;
  }

  private void sample(List<String> toRun, int index, int step) {
    String id = toRun.get(index);
    if (interrupted) {
      end("execution_interrupted", data().put("node_id", id).put("node_type", type(id))
          .put("executed", executedLatestFirst()), "error");
      return;
    }
    if (fake.mode == FakeComfyUi.Mode.EXECUTION_ERROR) {
      fail(id, "torch.OutOfMemoryError", "Allocation on device 0 would exceed allowed memory. (out of memory)");
      return;
    }
    state(id, step, "running");
    send("progress", new JsonObject().put("value", step).put("max", fake.steps).put("prompt_id", promptId).put("node", id));
    fake.sendBinary(clientId, Buffer.buffer().appendInt(1).appendInt(1).appendBytes(png()));
    if (fake.mode == FakeComfyUi.Mode.HANG) {
      fake.vertx.setPeriodic(NODE_MS, t -> {
        if (interrupted || fake.mode != FakeComfyUi.Mode.HANG) {
          fake.vertx.cancelTimer(t);
          sample(toRun, index, step);
        }
      });
    } else if (step < fake.steps) {
      fake.later(fake.nodeMs, () -> sample(toRun, index, step + 1));
    } else {
      done(toRun, index, fake.nodeMs);
    }
  }

  private void done(List<String> toRun, int index, long after) {
    fake.later(after, () -> {
      String id = toRun.get(index);
      executed.add(id);
      state(id, 1, "finished");
      run(toRun, index + 1);
    });
  }

  private void fail(String id, String type, String message) {
    end("execution_error", data().put("node_id", id).put("node_type", type(id)).put("executed", new JsonArray())
        .put("exception_message", message).put("exception_type", type)
        .put("traceback", new JsonArray().add("  File \"execution.py\", in execute\n"))
        .put("current_inputs", new JsonObject()).put("current_outputs", new JsonArray(new ArrayList<>(order))), "error");
  }

  private void end(String type, JsonObject data, String statusStr) {
    event(type, data);
    boolean success = "success".equals(statusStr);
    fake.history.put(promptId, new JsonObject().put("prompt", item.copy())
        .put("outputs", success ? outputs : new JsonObject()).put("status", new JsonObject()
            .put("status_str", statusStr).put("completed", success).put("messages", messages))
        .put("meta", success ? meta : new JsonObject()));
    fake.ended(this);
  }

  private void event(String type, JsonObject data) {
    messages.add(new JsonArray().add(type).add(data));
    send(type, data);
  }

  private void state(String id, double value, String state) {
    states.put(id, new JsonObject().put("value", value).put("max", "KSampler".equals(type(id)) && !"finished".equals(state)
            ? fake.steps : 1.0).put("state", state).put("node_id", id).put("prompt_id", promptId)
        .put("display_node_id", id).putNull("parent_node_id").put("real_node_id", id));
    send("progress_state", new JsonObject().put("prompt_id", promptId).put("nodes", states.copy()));
  }

  private void send(String type, JsonObject data) {
    fake.send(clientId, type, data);
  }

  private void visit(String id, Set<String> seen) {
    if (!seen.add(id) || order.contains(id)) {
      return;
    }
    JsonObject inputs = inputs(id);
    for (String name : inputs.fieldNames()) {
      if (inputs.getValue(name) instanceof JsonArray link && link.size() == 2 && link.getValue(0) instanceof String from) {
        visit(from, seen);
      }
    }
    order.add(id);
  }

  /** What ComfyUI's cache keys a node by: its type and inputs, linked inputs replaced by their nodes' signatures. */
  private String signature(String id) {
    String known = signatures.get(id);
    if (known != null) {
      return known;
    }
    JsonObject inputs = inputs(id).copy();
    for (String name : inputs.fieldNames()) {
      if (inputs.getValue(name) instanceof JsonArray link && link.size() == 2 && link.getValue(0) instanceof String from) {
        inputs.put(name, new JsonArray().add(signature(from)).add(link.getValue(1)));
      }
    }
    String signature = type(id) + inputs.encode();
    signatures.put(id, signature);
    return signature;
  }

  private String type(String id) {
    return FakeNodes.node(workflow, id).getString("class_type");
  }

  private JsonObject inputs(String id) {
    return FakeNodes.node(workflow, id).getJsonObject("inputs", new JsonObject());
  }

  private JsonObject data() {
    return new JsonObject().put("prompt_id", promptId).put("timestamp", System.currentTimeMillis());
  }

  /** The image every node saves or previews, encoded once: the fake's own cost stays out of what is measured. */
  private static byte[] png() {
    return PNG.clone();
  }

  private static byte[] encodePng() {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.ORANGE);
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
