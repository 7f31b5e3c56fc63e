package dev.storyvox.config;

import io.vertx.core.json.JsonObject;

/**
 * The whole configuration, mapped once from the merged sources by {@link ConfigLoader}. The raw merged
 * JSON is kept so verticles can be deployed with it and map it again on another node.
 */
public record StoryvoxConfig(HttpConfig http, AuthConfig auth, OutputsConfig outputs, DownloadConfig download,
                             SttConfig stt, GpuConfig gpu, RunPodConfig runpod, LlmConfig llm,
                             ComfyUiConfig comfyui, TtsConfig tts, StoryConfig story, SoloConfig solo,
                             SseConfig sse, LimitsConfig limits, LoggingConfig logging, ShutdownConfig shutdown,
                             ClusterConfig cluster, RetryConfig retry) {

  /** Maps a merged configuration; throws {@link ConfigException} naming the first bad key. */
  public static StoryvoxConfig from(JsonObject json) {
    return ConfigMapper.map(json);
  }
}
