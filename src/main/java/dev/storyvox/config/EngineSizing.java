package dev.storyvox.config;

import io.vertx.core.json.JsonObject;

/**
 * Resolves {@code gpu.whisperPerDevice: auto} and {@code stt.threads: 0} to the whisper context × thread split
 * that {@code bin/bench}'s STT throughput matrix measured best (README "Tuning"): on CPU two contexts (one on a
 * single core), each with cores ÷ contexts threads — on 2 cores 2 × 1, which served 2 and 4 clients 1.5–2× faster
 * than 1 × 2 for 5 % more latency on a lone request (whisper.cpp 1.9); two because each context holds its own copy
 * of the model's weights. With a GPU engine one context per device.
 */
final class EngineSizing {

  static final String AUTO = "auto";

  private EngineSizing() {
  }

  /** A copy of {@code json} with the automatic whisper sizing replaced by numbers for {@code cores}. */
  static JsonObject fill(JsonObject json, int cores) {
    JsonObject gpu = json.getJsonObject("gpu");
    JsonObject stt = json.getJsonObject("stt");
    if (gpu == null || stt == null) {
      return json;
    }
    JsonObject filled = json.copy();
    Object perDevice = gpu.getValue("whisperPerDevice");
    int contexts;
    if (AUTO.equals(perDevice)) {
      contexts = onCpu(json, gpu) ? Math.min(2, Math.max(1, cores)) : 1;
      filled.getJsonObject("gpu").put("whisperPerDevice", contexts);
    } else if (perDevice instanceof Number n) {
      contexts = Math.max(1, n.intValue());
    } else {
      return filled;
    }
    if (stt.getValue("threads") instanceof Number n && n.intValue() == 0) {
      filled.getJsonObject("stt").put("threads", Math.max(1, cores / contexts));
    }
    return filled;
  }

  /** CPU for {@code gpu.mode: cpu}, and for {@code auto} unless a CUDA or Vulkan whisper build is installed. */
  private static boolean onCpu(JsonObject json, JsonObject gpu) {
    String mode = String.valueOf(gpu.getValue("mode", AUTO));
    if (!AUTO.equals(mode)) {
      return "cpu".equals(mode);
    }
    JsonObject engines = json.getJsonObject("engines", new JsonObject());
    return new EnginesConfig(engines.getString("dir")).folders("whisper", mode).stream()
        .allMatch(folder -> folder.getFileName().toString().endsWith("-cpu"));
  }
}
