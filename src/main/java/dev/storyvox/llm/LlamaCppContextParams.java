package dev.storyvox.llm;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct llama_context_params} of llama.cpp v0.5.0, field for field ({@code bool} as byte, enums as
 * int, 64-bit only). Two fields are not in the published header we read (a later commit's): a uint32 after
 * {@code n_outputs_max} whose default is 1 ({@code reserved24}) and a pointer-sized field after
 * {@code n_samplers} ({@code reserved152}); their places and sizes come from the bytes
 * {@code llama_context_default_params()} writes. {@link LlamaCppLibrary} checks the layout at every load.
 */
@Structure.FieldOrder({"nCtx", "nBatch", "nUbatch", "nSeqMax", "nRsSeq", "nOutputsMax", "reserved24", "nThreads",
    "nThreadsBatch", "ctxType", "ropeScalingType", "poolingType", "attentionType", "flashAttnType", "ropeFreqBase",
    "ropeFreqScale", "yarnExtFactor", "yarnAttnFactor", "yarnBetaFast", "yarnBetaSlow", "yarnOrigCtx",
    "defragThold", "cbEval", "cbEvalUserData", "typeK", "typeV", "abortCallback", "abortCallbackData",
    "embeddings", "offloadKqv", "noPerf", "opOffload", "swaFull", "kvUnified", "samplers", "nSamplers",
    "reserved152"})
public class LlamaCppContextParams extends Structure {
  /** {@code ggml_abort_callback}: true stops the running {@code llama_decode}. */
  public interface AbortCallback extends Callback {
    byte invoke(Pointer data);
  }

  public int nCtx;
  public int nBatch;
  public int nUbatch;
  public int nSeqMax;
  public int nRsSeq;
  public int nOutputsMax;
  public int reserved24;
  public int nThreads;
  public int nThreadsBatch;
  public int ctxType;
  public int ropeScalingType;
  public int poolingType;
  public int attentionType;
  public int flashAttnType;
  public float ropeFreqBase;
  public float ropeFreqScale;
  public float yarnExtFactor;
  public float yarnAttnFactor;
  public float yarnBetaFast;
  public float yarnBetaSlow;
  public int yarnOrigCtx;
  public float defragThold;
  public Pointer cbEval;
  public Pointer cbEvalUserData;
  public int typeK;
  public int typeV;
  public AbortCallback abortCallback;
  public Pointer abortCallbackData;
  public byte embeddings;
  public byte offloadKqv;
  public byte noPerf;
  public byte opOffload;
  public byte swaFull;
  public byte kvUnified;
  public Pointer samplers;
  public long nSamplers;
  public long reserved152;

  /** Whether these are v0.5.0's defaults (the last field included, so a shifted or resized one shows). */
  boolean areDefaults() {
    return nCtx == 512 && nBatch == 2048 && nUbatch == 512 && nSeqMax == 1 && nRsSeq == 0 && nOutputsMax == 0
        && reserved24 == 1 && nThreads > 0 && nThreadsBatch == nThreads && ctxType == 0 && ropeScalingType == -1
        && poolingType == -1 && attentionType == -1 && flashAttnType == -1 && ropeFreqBase == 0f
        && ropeFreqScale == 0f && yarnExtFactor == -1f && yarnAttnFactor == -1f && yarnBetaFast == -1f
        && yarnBetaSlow == -1f && yarnOrigCtx == 0 && defragThold == -1f && cbEval == null && typeK == 1
        && typeV == 1 && abortCallback == null && abortCallbackData == null && embeddings == 0 && offloadKqv == 1
        && noPerf == 1 && opOffload == 1 && swaFull == 1 && kvUnified == 0 && samplers == null && nSamplers == 0
        && reserved152 == 0;
  }

  /** The by-value form llama.cpp passes and returns. */
  public static class ByValue extends LlamaCppContextParams implements Structure.ByValue {
  }
}
