package dev.storyvox.llm;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct llama_model_params} of llama.cpp v0.5.0 (the tag node-llama-cpp 3.22.1 builds), field for
 * field: {@code bool} as byte, enums as int, 64-bit only. The published header of a later commit has
 * {@code use_mmap}/{@code use_direct_io}/{@code use_mlock} where v0.5.0 has {@code load_mode} and
 * {@code lazy_mode}; the order here was checked against the bytes {@code llama_model_default_params()}
 * writes, and {@link LlamaCppLibrary} checks it again at every load.
 */
@Structure.FieldOrder({"devices", "tensorBuftOverrides", "nGpuLayers", "splitMode", "loadMode", "lazyMode",
    "mainGpu", "tensorSplit", "progressCallback", "progressCallbackUserData", "kvOverrides", "vocabOnly",
    "checkTensors", "useExtraBufts", "noHost", "noAlloc", "loadMtp"})
public class LlamaCppModelParams extends Structure {
  public Pointer devices;
  public Pointer tensorBuftOverrides;
  public int nGpuLayers;
  public int splitMode;
  public int loadMode;
  public int lazyMode;
  public int mainGpu;
  public Pointer tensorSplit;
  public Pointer progressCallback;
  public Pointer progressCallbackUserData;
  public Pointer kvOverrides;
  public byte vocabOnly;
  public byte checkTensors;
  public byte useExtraBufts;
  public byte noHost;
  public byte noAlloc;
  public byte loadMtp;

  /** Whether these are v0.5.0's defaults (the last field included, so a shifted or resized one shows). */
  boolean areDefaults() {
    return devices == null && tensorBuftOverrides == null && nGpuLayers == -1 && splitMode == 1 && loadMode == -1
        && lazyMode == 1 && mainGpu == 0 && tensorSplit == null && progressCallback == null && kvOverrides == null
        && vocabOnly == 0 && checkTensors == 0 && useExtraBufts == 1 && noHost == 0 && noAlloc == 0 && loadMtp == 0;
  }

  /** The by-value form llama.cpp passes and returns. */
  public static class ByValue extends LlamaCppModelParams implements Structure.ByValue {
  }
}
