package dev.storyvox.config;

/** RunPod serverless endpoint used for transcription when {@code stt.backend} is runpod or auto. */
public record RunPodConfig(String baseUrl, String endpointId, String apiKey, long pollMs, long timeoutMs) {
  public RunPodConfig {
    Check.url("runpod.baseUrl", baseUrl);
    Check.positive("runpod.pollMs", pollMs);
    Check.positive("runpod.timeoutMs", timeoutMs);
    endpointId = Check.blankToNull(endpointId);
    apiKey = Check.blankToNull(apiKey);
  }

  /** Whether an endpoint and a key are configured. */
  public boolean configured() {
    return endpointId != null && apiKey != null;
  }
}
