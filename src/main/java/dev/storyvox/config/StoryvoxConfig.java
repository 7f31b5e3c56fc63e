package dev.storyvox.config;

import io.vertx.core.json.JsonObject;

/**
 * The whole configuration, mapped once from the merged sources by {@link ConfigLoader}. Every verticle is
 * given the typed records it needs through its constructor; none maps raw JSON itself.
 */
public record StoryvoxConfig(HttpConfig http, AuthConfig auth, OutputsConfig outputs, DownloadConfig download,
                             SttConfig stt, GpuConfig gpu, RunPodConfig runpod, LlmConfig llm,
                             ComfyUiConfig comfyui, TtsConfig tts, StoryConfig story, SoloConfig solo,
                             SseConfig sse, LimitsConfig limits, LoggingConfig logging, ShutdownConfig shutdown,
                             ClusterConfig cluster, RetryConfig retry,
                             ModelsConfig models, EnginesConfig engines) {

  /** Maps a merged configuration; throws {@link ConfigException} naming the first bad key. */
  public static StoryvoxConfig from(JsonObject json) {
    return ConfigMapper.map(json);
  }
}
