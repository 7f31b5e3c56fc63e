package dev.storyvox.config;

import java.util.List;

/**
 * Devices, whether to use a GPU, and how many native engine contexts (each on its own pinned worker
 * thread) run per device.
 */
public record GpuConfig(String mode, List<Integer> devices, int whisperPerDevice, int llmPerDevice) {
  public GpuConfig {
    Check.oneOf("gpu.mode", mode, "auto", "cpu", "cuda", "vulkan", "gpu");
    if (devices == null || devices.isEmpty()) {
      throw new IllegalArgumentException("gpu.devices: expected a non-empty list of device ids, e.g. [0]");
    }
    devices = List.copyOf(devices);
    Check.range("gpu.whisperPerDevice", whisperPerDevice, 0, 64);
    Check.range("gpu.llmPerDevice", llmPerDevice, 0, 64);
  }

  /** Whether engines may use a GPU. */
  public boolean useGpu() {
    return !"cpu".equals(mode);
  }
}
