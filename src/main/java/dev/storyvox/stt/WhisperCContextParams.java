package dev.storyvox.stt;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct whisper_context_params} of whisper.cpp 1.7.1 and 1.9.x (the layout did not change; 1.9
 * turns {@code flash_attn} on by default), field for field ({@code bool} as byte, {@code size_t} as long:
 * 64-bit only). {@link WhisperLibrary} and {@link Whisper19Library} check the layout against the
 * library's defaults before the first use.
 */
@Structure.FieldOrder({"useGpu", "flashAttn", "gpuDevice", "dtwTokenTimestamps", "dtwAheadsPreset",
    "dtwNTop", "dtwAheadsNHeads", "dtwAheadsHeads", "dtwMemSize"})
public class WhisperCContextParams extends Structure {
  public byte useGpu;
  public byte flashAttn;
  public int gpuDevice;
  public byte dtwTokenTimestamps;
  public int dtwAheadsPreset;
  public int dtwNTop;
  public long dtwAheadsNHeads;
  public Pointer dtwAheadsHeads;
  public long dtwMemSize;

  /** The by-value form whisper.cpp passes and returns. */
  public static class ByValue extends WhisperCContextParams implements Structure.ByValue {
  }
}
