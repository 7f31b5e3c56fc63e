package dev.storyvox.illustration;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A ComfyUI workflow in API format whose nodes are found by their {@code _meta.title}, never by id. Each
 * render copies the template and replaces only the positive prompt text ({@value #PROMPT}), the sampler seed
 * ({@value #SAMPLER}) and the latent size ({@value #LATENT}); everything else, the negative prompt
 * included, is kept as the template's author wrote it. Images are read from the {@value #SAVE} node.
 */
public final class WorkflowTemplate {

  /** Title of the CLIPTextEncode node that receives the positive prompt. */
  public static final String PROMPT = "PROMPT_POS";
  /** Title of the KSampler node whose seed is set. */
  public static final String SAMPLER = "SAMPLER";
  /** Title of the EmptyLatentImage node whose width and height are set. */
  public static final String LATENT = "LATENT";
  /** Title of the SaveImage node whose images are the result. */
  public static final String SAVE = "SAVE";

  private final JsonObject workflow;
  private final String source;

  private WorkflowTemplate(JsonObject workflow, String source) {
    this.workflow = workflow;
    this.source = source;
  }

  /** Parses a template; fails with COMFYUI_FAILURE naming the missing titled node. */
  public static WorkflowTemplate parse(String json, String source) {
    JsonObject workflow;
    try {
      workflow = new JsonObject(json);
    } catch (DecodeException e) {
      throw new ServiceException(ErrorCode.COMFYUI_FAILURE, "workflow " + source + " is not JSON: " + e.getMessage());
    }
    WorkflowTemplate template = new WorkflowTemplate(workflow, source);
    for (String title : List.of(PROMPT, SAMPLER, LATENT, SAVE)) {
      template.nodeId(title);
    }
    return template;
  }

  /** The workflow for one image: a deep copy with prompt, seed and latent size replaced. */
  public JsonObject render(String prompt, long seed, int width, int height) {
    JsonObject copy = workflow.copy();
    inputs(copy, PROMPT).put("text", prompt);
    JsonObject sampler = inputs(copy, SAMPLER);
    sampler.put(sampler.containsKey("noise_seed") ? "noise_seed" : "seed", seed);
    inputs(copy, LATENT).put("width", width).put("height", height);
    return copy;
  }

  /** The id of the node titled {@code title}. */
  public String nodeId(String title) {
    List<String> ids = new ArrayList<>();
    for (String id : workflow.fieldNames()) {
      JsonObject node = workflow.getJsonObject(id);
      JsonObject meta = node == null ? null : node.getJsonObject("_meta");
      if (meta != null && title.equals(meta.getString("title"))) {
        ids.add(id);
      }
    }
    if (ids.size() != 1) {
      throw new ServiceException(ErrorCode.COMFYUI_FAILURE, "workflow " + source
          + " must have exactly one node with _meta.title " + title + " (found " + ids.size() + ")");
    }
    return ids.get(0);
  }

  /** A copy of the template's workflow as written. */
  public JsonObject workflow() {
    return workflow.copy();
  }

  /** Where the template came from, for messages. */
  public String source() {
    return source;
  }

  /** A readable name of node {@code id} in {@code workflow}: {@code 3 (KSampler "SAMPLER")}. */
  static String describeNode(JsonObject workflow, String id, String classType) {
    JsonObject node = workflow == null ? null : workflow.getJsonObject(id);
    String type = classType != null ? classType : node == null ? null : node.getString("class_type");
    JsonObject meta = node == null ? null : node.getJsonObject("_meta");
    String title = meta == null ? null : meta.getString("title");
    StringBuilder name = new StringBuilder("node ").append(id);
    if (type != null || title != null) {
      name.append(" (").append(type == null ? "?" : type);
      if (title != null) {
        name.append(" \"").append(title).append('"');
      }
      name.append(')');
    }
    return name.toString();
  }

  private JsonObject inputs(JsonObject target, String title) {
    JsonObject node = target.getJsonObject(nodeId(title));
    JsonObject inputs = node.getJsonObject("inputs");
    if (inputs == null) {
      inputs = new JsonObject();
      node.put("inputs", inputs);
    }
    return inputs;
  }
}
