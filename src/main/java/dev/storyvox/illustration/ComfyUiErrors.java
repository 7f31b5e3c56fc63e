package dev.storyvox.illustration;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Turns ComfyUI's error bodies and messages into {@link ServiceException}s that name the failing node. */
final class ComfyUiErrors {

  private static final int MAX_TEXT = 400;

  private ComfyUiErrors() {
  }

  /**
   * A 400 from {@code POST /prompt}: {@code {error:{type,message,details}, node_errors:{<id>:{errors:[…],
   * class_type}}}} → "ComfyUI rejected the workflow: Prompt outputs failed validation; node 4
   * (CheckpointLoaderSimple "CHECKPOINT"): Value not in list: ckpt_name: …". The node errors travel as detail.
   */
  static ServiceException rejected(JsonObject body, JsonObject workflow) {
    if (body == null) {
      return new ServiceException(ErrorCode.COMFYUI_FAILURE, "ComfyUI rejected the workflow (400 without a JSON body)");
    }
    JsonObject error = body.getJsonObject("error", new JsonObject());
    List<String> parts = new ArrayList<>();
    parts.add(join(error.getString("message", "invalid prompt"), error.getString("details")));
    JsonObject nodeErrors = body.getJsonObject("node_errors", new JsonObject());
    for (String id : nodeErrors.fieldNames()) {
      JsonObject node = nodeErrors.getJsonObject(id, new JsonObject());
      List<String> reasons = new ArrayList<>();
      for (Object e : node.getJsonArray("errors", new JsonArray())) {
        if (e instanceof JsonObject item) {
          reasons.add(join(item.getString("message", "error"), item.getString("details")));
        }
      }
      parts.add(WorkflowTemplate.describeNode(workflow, id, node.getString("class_type")) + ": "
          + String.join("; ", reasons));
    }
    JsonObject detail = new JsonObject().put("type", error.getString("type")).put("node_errors", nodeErrors);
    return new ServiceException(ErrorCode.COMFYUI_FAILURE, shorten("ComfyUI rejected the workflow: "
        + String.join("; ", parts)), detail);
  }

  /** An {@code execution_error} message's data (or history message): names the node and ComfyUI's exception. */
  static ServiceException executionFailed(JsonObject data, JsonObject workflow) {
    String node = WorkflowTemplate.describeNode(workflow, String.valueOf(data.getValue("node_id")),
        data.getString("node_type"));
    String cause = join(data.getString("exception_type"), data.getString("exception_message"));
    return new ServiceException(ErrorCode.COMFYUI_FAILURE, shorten("ComfyUI failed in " + node + ": "
        + (cause.isEmpty() ? "no reason given" : cause)));
  }

  /** An {@code execution_interrupted} message's data: the render was cancelled at the node ComfyUI names. */
  static ServiceException interrupted(JsonObject data, JsonObject workflow, String jobId) {
    Object node = data.getValue("node_id");
    return new ServiceException(ErrorCode.COMFYUI_FAILURE, Reason.CANCELLED, "render " + jobId
        + " was cancelled: ComfyUI interrupted it" + (node == null ? ""
        : " before " + WorkflowTemplate.describeNode(workflow, String.valueOf(node), data.getString("node_type"))));
  }

  /** {@code text} cut to a readable length. */
  static String shorten(String text) {
    String flat = text.strip();
    return flat.length() <= MAX_TEXT ? flat : flat.substring(0, MAX_TEXT) + "…";
  }

  private static String join(String first, String second) {
    boolean hasFirst = first != null && !first.isBlank();
    boolean hasSecond = second != null && !second.isBlank();
    if (hasFirst && hasSecond) {
      return first.strip() + ": " + second.strip();
    }
    return hasFirst ? first.strip() : hasSecond ? second.strip() : "";
  }
}
