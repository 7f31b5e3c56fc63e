package dev.storyvox.llm;


/**
 * Which LLM context a {@link LlmVerticle} instance owns: the device it runs on and its index there.
 *
 * @param device the GPU device id (from {@code gpu.devices})
 * @param index the context's index on that device, from 0 to {@code gpu.llmPerDevice} - 1
 */
public record LlmSlot(int device, int index) {

  /** The pinned worker's name, e.g. {@code gpu0-llm-0}. */
  public String workerName() {
    return "gpu" + device + "-llm-" + index;
  }

}
