package dev.storyvox.config;

import java.util.List;

/** Devices and how many native engine contexts (each on its own pinned worker thread) run per device. */
public record GpuConfig(List<Integer> devices, int whisperPerDevice, int llmPerDevice) {
  public GpuConfig {
    if (devices == null || devices.isEmpty()) {
      throw new IllegalArgumentException("gpu.devices: expected a non-empty list of device ids, e.g. [0]");
    }
    devices = List.copyOf(devices);
    Check.range("gpu.whisperPerDevice", whisperPerDevice, 0, 64);
    Check.range("gpu.llmPerDevice", llmPerDevice, 0, 64);
  }
}
