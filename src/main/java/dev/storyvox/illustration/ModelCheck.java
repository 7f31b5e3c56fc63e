package dev.storyvox.illustration;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the workflow against ComfyUI's {@code GET /object_info} at start and every minute: every node class
 * it uses exists, and every file or choice a node connected to an output names (checkpoint, VAE, LoRA, …) is
 * among the values the server offers, as ComfyUI's own validation would demand at {@code POST /prompt}. The
 * answer is a sentence naming each missing file and the folder it belongs in, or null when nothing is missing.
 * Confined to the event loop of the verticle that owns it.
 */
final class ModelCheck {

  /** How often the check is repeated. */
  static final long INTERVAL_MS = 60_000;

  private static final Logger LOG = LoggerFactory.getLogger(ModelCheck.class);
  private static final Map<String, String> FOLDERS = Map.ofEntries(
      Map.entry("ckpt_name", "models/checkpoints"), Map.entry("vae_name", "models/vae"),
      Map.entry("lora_name", "models/loras"), Map.entry("control_net_name", "models/controlnet"),
      Map.entry("unet_name", "models/diffusion_models"), Map.entry("clip_name", "models/text_encoders"),
      Map.entry("clip_name1", "models/text_encoders"), Map.entry("clip_name2", "models/text_encoders"),
      Map.entry("clip_name3", "models/text_encoders"), Map.entry("model_name", "models/upscale_models"),
      Map.entry("style_model_name", "models/style_models"), Map.entry("gligen_name", "models/gligen"),
      Map.entry("hypernetwork_name", "models/hypernetworks"), Map.entry("config_name", "models/configs"),
      Map.entry("image", "input"));

  private final Vertx vertx;
  private final ComfyUiClient client;
  private final WorkflowTemplate template;
  private Future<String> last;
  private long timer = -1;

  ModelCheck(Vertx vertx, ComfyUiClient client, WorkflowTemplate template) {
    this.vertx = vertx;
    this.client = client;
    this.template = template;
  }

  /** Checks now and every {@link #INTERVAL_MS}. */
  void start() {
    check();
    timer = vertx.setPeriodic(INTERVAL_MS, id -> check());
  }

  /** Stops the periodic check. */
  void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** The last answer: what is missing, or null; checks again when the last check could not reach ComfyUI. */
  Future<String> current() {
    return last == null || last.failed() ? check() : last;
  }

  /** What the last finished check found missing, or null when all is there or it is not known yet. */
  String missingNow() {
    return last != null && last.succeeded() ? last.result() : null;
  }

  private Future<String> check() {
    Future<String> checking = client.objectInfo().map(info -> missing(template.workflow(), info));
    checking.onSuccess(missing -> {
      if (missing != null) {
        LOG.warn("ComfyUI cannot run workflow {}: {}", template.source(), missing);
      }
    });
    last = checking;
    return checking;
  }

  /**
   * What {@code objectInfo} lacks for {@code workflow}, as one sentence, or null when nothing is missing or the
   * answer lists none of the workflow's classes (not a node list: nothing can be judged from it).
   */
  static String missing(JsonObject workflow, JsonObject objectInfo) {
    if (workflow.fieldNames().stream().noneMatch(id -> objectInfo.containsKey(node(workflow, id).getString("class_type")))) {
      LOG.warn("ComfyUI's /object_info lists none of the workflow's node classes; its models cannot be checked");
      return null;
    }
    List<String> problems = new ArrayList<>();
    for (String id : workflow.fieldNames()) {
      String type = node(workflow, id).getString("class_type");
      if (!objectInfo.containsKey(type)) {
        problems.add(WorkflowTemplate.describeNode(workflow, id, type) + " needs node class " + type
            + ", which this ComfyUI does not have (install the custom node that provides it)");
      }
    }
    if (problems.isEmpty()) {
      for (String id : connected(workflow, objectInfo)) {
        problems.addAll(check(workflow, id, objectInfo.getJsonObject(node(workflow, id).getString("class_type"))));
      }
    }
    return problems.isEmpty() ? null : "ComfyUI cannot run the workflow: " + String.join("; ", problems);
  }

  private static List<String> check(JsonObject workflow, String id, JsonObject info) {
    List<String> problems = new ArrayList<>();
    JsonObject inputs = node(workflow, id).getJsonObject("inputs", new JsonObject());
    JsonObject spec = info.getJsonObject("input", new JsonObject());
    for (String group : List.of("required", "optional")) {
      JsonObject specs = spec.getJsonObject(group, new JsonObject());
      for (String name : specs.fieldNames()) {
        JsonArray options = options(specs.getValue(name));
        if (options != null && inputs.getValue(name) instanceof String value && !options.contains(value)) {
          problems.add(describe(workflow, id, info, name, value, options));
        }
      }
    }
    return problems;
  }

  private static String describe(JsonObject workflow, String id, JsonObject info, String input, String value,
                                 JsonArray options) {
    String node = WorkflowTemplate.describeNode(workflow, id, null);
    String folder = "clip_name".equals(input) && info.getString("name", "").startsWith("CLIPVision")
        ? "models/clip_vision" : FOLDERS.get(input);
    if (folder == null) {
      return node + " input " + input + ": '" + value + "' is not one of the " + options.size()
          + " values this ComfyUI offers";
    }
    return "ComfyUI has no " + value + " for " + node + " input " + input + ": put it in ComfyUI's " + folder
        + " folder" + (options.isEmpty() ? " (it has none there)" : "");
  }

  /** A combo input's values: legacy {@code [[values…], {…}]} or {@code ["COMBO", {options: […]}]}; else null. */
  private static JsonArray options(Object spec) {
    if (!(spec instanceof JsonArray array) || array.isEmpty()) {
      return null;
    }
    if (array.getValue(0) instanceof JsonArray values) {
      return values;
    }
    if ("COMBO".equals(array.getValue(0)) && array.size() > 1 && array.getValue(1) instanceof JsonObject extra) {
      return extra.getJsonArray("options", new JsonArray());
    }
    return null;
  }

  /** The nodes an output node depends on (ComfyUI validates only these), outputs included. */
  private static Set<String> connected(JsonObject workflow, JsonObject objectInfo) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    for (String id : workflow.fieldNames()) {
      JsonObject info = objectInfo.getJsonObject(node(workflow, id).getString("class_type"));
      if (info != null && info.getBoolean("output_node", false)) {
        todo.add(id);
      }
    }
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (!seen.add(id) || !workflow.containsKey(id)) {
        continue;
      }
      JsonObject inputs = node(workflow, id).getJsonObject("inputs", new JsonObject());
      for (String name : inputs.fieldNames()) {
        if (inputs.getValue(name) instanceof JsonArray link && link.size() == 2 && link.getValue(0) instanceof String from) {
          todo.add(from);
        }
      }
    }
    seen.removeIf(id -> !workflow.containsKey(id));
    return seen;
  }

  private static JsonObject node(JsonObject workflow, String id) {
    return workflow.getValue(id) instanceof JsonObject node ? node : new JsonObject();
  }
}
