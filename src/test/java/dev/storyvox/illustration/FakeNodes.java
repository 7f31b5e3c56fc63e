package dev.storyvox.illustration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The node classes {@link FakeComfyUi} knows, as ComfyUI 0.3.64 describes them on {@code GET /object_info}, and
 * ComfyUI's {@code validate_prompt} over them (execution.py): unknown class → {@code invalid_prompt} with empty
 * node_errors, no output node → {@code prompt_no_outputs}, and per node reachable from an output
 * {@code required_input_missing}, {@code invalid_input_type}, {@code value_bigger_than_max},
 * {@code value_not_in_list}, {@code custom_validation_failed} or {@code exception_during_validation}, with
 * the texts the recorded server answered.
 */
final class FakeNodes {

  private final JsonObject info = new JsonObject();

  /** The classes, offering {@code checkpoints} as the files of models/checkpoints. */
  FakeNodes(List<String> checkpoints) {
    JsonArray ckpts = new JsonArray(new ArrayList<>(checkpoints));
    add("CheckpointLoaderSimple", false, "ckpt_name", combo(ckpts));
    add("CLIPTextEncode", false, "text", new JsonArray().add("STRING").add(new JsonObject().put("multiline", true)),
        "clip", type("CLIP"));
    add("EmptyLatentImage", false, "width", integer(512, 16, 16384), "height", integer(512, 16, 16384),
        "batch_size", integer(1, 1, 4096));
    add("KSampler", false, "model", type("MODEL"), "seed", integer(0, 0, Long.MAX_VALUE), "steps", integer(20, 1, 10000),
        "cfg", type("FLOAT"), "sampler_name", combo(new JsonArray().add("euler").add("euler_ancestral").add("dpmpp_2m")),
        "scheduler", combo(new JsonArray().add("normal").add("karras").add("simple")), "positive", type("CONDITIONING"),
        "negative", type("CONDITIONING"), "latent_image", type("LATENT"), "denoise", type("FLOAT"));
    add("VAEDecode", false, "samples", type("LATENT"), "vae", type("VAE"));
    add("SaveImage", true, "images", type("IMAGE"), "filename_prefix", type("STRING"));
    add("SaveImageWebsocket", true, "images", type("IMAGE"));
    add("EmptyImage", false, "width", integer(512, 1, 16384), "height", integer(512, 1, 16384),
        "batch_size", integer(1, 1, 4096), "color", integer(0, 0, 0xFFFFFF));
    add("ImageAddNoise", false, "image", type("IMAGE"), "seed", integer(0, 0, Long.MAX_VALUE), "strength", type("FLOAT"));
    add("ImageScale", false, "image", type("IMAGE"), "upscale_method", combo(new JsonArray().add("nearest-exact")
        .add("bilinear").add("area").add("bicubic").add("lanczos")), "width", integer(512, 0, 16384),
        "height", integer(512, 0, 16384), "crop", combo(new JsonArray().add("disabled").add("center")));
    add("ImageBlur", false, "image", type("IMAGE"), "blur_radius", integer(1, 1, 31), "sigma", type("FLOAT"));
    add("ImageToMask", false, "image", type("IMAGE"), "channel", combo(new JsonArray().add("red").add("green")
        .add("blue").add("alpha")));
    add("MaskToImage", false, "mask", type("MASK"));
    add("LoadImage", false, "image", combo(new JsonArray()));
  }

  /** The {@code GET /object_info} answer. */
  JsonObject objectInfo() {
    return info.copy();
  }

  /** Whether {@code classType} is an output node. */
  boolean isOutput(String classType) {
    JsonObject node = info.getJsonObject(classType);
    return node != null && node.getBoolean("output_node");
  }

  /** The output nodes of {@code prompt}. */
  List<String> outputs(JsonObject prompt) {
    return prompt.fieldNames().stream().filter(id -> isOutput(node(prompt, id).getString("class_type"))).toList();
  }

  /** The 400 body ComfyUI answers for {@code prompt}, or null when it is valid. */
  JsonObject validate(JsonObject prompt) {
    for (String id : prompt.fieldNames()) {
      String type = node(prompt, id).getString("class_type");
      if (type == null || !info.containsKey(type)) {
        return body("invalid_prompt", type == null ? "Cannot execute because a node is missing the class_type property."
            : "Cannot execute because node " + type + " does not exist.", "Node ID '#" + id + "'", new JsonObject());
      }
    }
    List<String> outputs = outputs(prompt);
    if (outputs.isEmpty()) {
      return body("prompt_no_outputs", "Prompt has no outputs", "", new JsonObject());
    }
    Map<String, List<JsonObject>> errors = new LinkedHashMap<>();
    Map<String, Set<String>> dependents = new LinkedHashMap<>();
    String details = "";
    for (String output : outputs) {
      String missing = check(prompt, output, output, errors, dependents, new LinkedHashSet<>());
      if (missing != null) {
        details = "Exception when validating node: '" + missing + "'";
        errors.computeIfAbsent(output, k -> new ArrayList<>()).add(error("exception_during_validation",
            "Exception when validating node", "'" + missing + "'", new JsonObject().put("exception_type", "KeyError")
                .put("traceback", new JsonArray().add("  File \"execution.py\", in validate_inputs\n"))));
        dependents.computeIfAbsent(output, k -> new LinkedHashSet<>()).add(output);
      }
    }
    if (errors.isEmpty()) {
      return null;
    }
    JsonObject nodeErrors = new JsonObject();
    errors.forEach((id, list) -> nodeErrors.put(id, new JsonObject().put("errors", new JsonArray(new ArrayList<>(list)))
        .put("dependent_outputs", new JsonArray(new ArrayList<>(dependents.get(id))))
        .put("class_type", node(prompt, id).getString("class_type"))));
    return body("prompt_outputs_failed_validation", "Prompt outputs failed validation", details, nodeErrors);
  }

  /** Validates node {@code id} and what it links to; answers the id of a missing linked node, else null. */
  private String check(JsonObject prompt, String id, String output, Map<String, List<JsonObject>> errors,
                       Map<String, Set<String>> dependents, Set<String> seen) {
    if (!seen.add(id)) {
      return null;
    }
    JsonObject node = node(prompt, id);
    JsonObject inputs = node.getJsonObject("inputs", new JsonObject());
    JsonObject required = info.getJsonObject(node.getString("class_type")).getJsonObject("input").getJsonObject("required");
    List<JsonObject> found = new ArrayList<>();
    for (String name : required.fieldNames()) {
      JsonArray spec = required.getJsonArray(name);
      Object value = inputs.getValue(name);
      if (value == null) {
        found.add(error("required_input_missing", "Required input is missing", name, new JsonObject().put("input_name", name)));
      } else if (value instanceof JsonArray link && link.size() == 2 && link.getValue(0) instanceof String from) {
        if (!prompt.containsKey(from)) {
          return from;
        }
        String missing = check(prompt, from, output, errors, dependents, seen);
        if (missing != null) {
          return missing;
        }
      } else {
        JsonObject problem = checkValue(node.getString("class_type"), name, spec, value);
        if (problem != null) {
          found.add(problem);
        }
      }
    }
    if (!found.isEmpty()) {
      errors.computeIfAbsent(id, k -> new ArrayList<>()).addAll(found);
      dependents.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(output);
    }
    return null;
  }

  private static JsonObject checkValue(String classType, String name, JsonArray spec, Object value) {
    if ("LoadImage".equals(classType)) {
      return error("custom_validation_failed", "Custom validation failed for node",
          name + " - Invalid image file: " + value, new JsonObject().put("input_name", name));
    }
    if (spec.getValue(0) instanceof JsonArray options) {
      if (options.contains(value)) {
        return null;
      }
      String list = options.stream().map(o -> "'" + o + "'").collect(Collectors.joining(", ", "[", "]"));
      return error("value_not_in_list", "Value not in list", name + ": '" + value + "' not in " + list,
          new JsonObject().put("input_name", name).put("input_config", spec.copy()).put("received_value", value));
    }
    if (!"INT".equals(spec.getValue(0))) {
      return null;
    }
    long number;
    try {
      number = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    } catch (NumberFormatException e) {
      String why = "invalid literal for int() with base 10: '" + value + "'";
      return error("invalid_input_type", "Failed to convert an input value to a INT value", name + ", " + value + ", " + why,
          new JsonObject().put("input_name", name).put("input_config", spec.copy()).put("received_value", value)
              .put("exception_message", why));
    }
    JsonObject limits = spec.getJsonObject(1);
    if (number > limits.getLong("max")) {
      return error("value_bigger_than_max", "Value " + number + " bigger than max of " + limits.getLong("max"), name,
          new JsonObject().put("input_name", name).put("input_config", spec.copy()).put("received_value", value));
    }
    if (number < limits.getLong("min")) {
      return error("value_smaller_than_min", "Value " + number + " smaller than min of " + limits.getLong("min"), name,
          new JsonObject().put("input_name", name).put("input_config", spec.copy()).put("received_value", value));
    }
    return null;
  }

  static JsonObject node(JsonObject prompt, String id) {
    return prompt.getValue(id) instanceof JsonObject node ? node : new JsonObject();
  }

  private static JsonObject error(String type, String message, String details, JsonObject extra) {
    return new JsonObject().put("type", type).put("message", message).put("details", details).put("extra_info", extra);
  }

  private static JsonObject body(String type, String message, String details, JsonObject nodeErrors) {
    return new JsonObject().put("error", error(type, message, details, new JsonObject())).put("node_errors", nodeErrors);
  }

  private void add(String name, boolean output, Object... inputs) {
    JsonObject required = new JsonObject();
    for (int i = 0; i < inputs.length; i += 2) {
      required.put((String) inputs[i], inputs[i + 1]);
    }
    info.put(name, new JsonObject().put("input", new JsonObject().put("required", required).put("optional", new JsonObject()))
        .put("input_order", new JsonObject().put("required", new JsonArray(new ArrayList<>(required.fieldNames()))))
        .put("output", new JsonArray()).put("output_is_list", new JsonArray()).put("output_name", new JsonArray())
        .put("name", name).put("display_name", name).put("description", "").put("python_module", "nodes")
        .put("category", "fake").put("output_node", output).put("deprecated", false).put("experimental", false));
  }

  private static JsonArray type(String name) {
    return new JsonArray().add(name);
  }

  private static JsonArray combo(JsonArray options) {
    return new JsonArray().add(options).add(new JsonObject());
  }

  private static JsonArray integer(long def, long min, long max) {
    return new JsonArray().add("INT").add(new JsonObject().put("default", def).put("min", min).put("max", max).put("step", 1));
  }
}
