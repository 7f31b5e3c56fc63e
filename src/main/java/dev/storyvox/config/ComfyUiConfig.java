package dev.storyvox.config;

/** ComfyUI server and workflow template; an empty url draws illustration cards in Java instead. */
public record ComfyUiConfig(String url, String workflow, long timeoutMs) {
  public ComfyUiConfig {
    url = Check.blankToNull(url);
    if (url != null) {
      Check.url("comfyui.url", url);
    }
    Check.notBlank("comfyui.workflow", workflow);
    Check.positive("comfyui.timeoutMs", timeoutMs);
  }

  public boolean enabled() {
    return url != null;
  }
}
