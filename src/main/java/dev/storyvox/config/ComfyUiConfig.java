package dev.storyvox.config;

/**
 * ComfyUI server and workflow template; an empty url draws illustration cards in Java instead, on a work
 * pool of {@code cardWorkers} threads with {@code cardQueueSize} cards waiting before 429 BUSY.
 */
public record ComfyUiConfig(String url, String workflow, long timeoutMs, int cardWorkers, int cardQueueSize) {
  public ComfyUiConfig {
    url = Check.blankToNull(url);
    if (url != null) {
      Check.url("comfyui.url", url);
    }
    Check.notBlank("comfyui.workflow", workflow);
    Check.positive("comfyui.timeoutMs", timeoutMs);
    Check.range("comfyui.cardWorkers", cardWorkers, 1, 64);
    Check.range("comfyui.cardQueueSize", cardQueueSize, 0, 100_000);
  }

  public boolean enabled() {
    return url != null;
  }
}
