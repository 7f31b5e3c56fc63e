package dev.storyvox.llm;

import io.vertx.core.json.JsonObject;

/**
 * Which LLM context a {@link LlmVerticle} instance owns: the device it runs on and its index there. It
 * travels in the verticle's deployment config under {@link #KEY}, beside the merged configuration.
 *
 * @param device the GPU device id (from {@code gpu.devices})
 * @param index the context's index on that device, from 0 to {@code gpu.llmPerDevice} - 1
 */
public record LlmSlot(int device, int index) {

  /** The deployment-config key that holds the slot. */
  public static final String KEY = "llmSlot";

  /** The pinned worker's name, e.g. {@code gpu0-llm-0}. */
  public String workerName() {
    return "gpu" + device + "-llm-" + index;
  }

  /** The slot as deployment-config JSON. */
  public JsonObject toJson() {
    return new JsonObject().put("device", device).put("index", index);
  }

  /** The slot in {@code json}, or device 0 index 0 when none is given. */
  public static LlmSlot from(JsonObject json) {
    return json == null ? new LlmSlot(0, 0) : new LlmSlot(json.getInteger("device", 0), json.getInteger("index", 0));
  }
}
