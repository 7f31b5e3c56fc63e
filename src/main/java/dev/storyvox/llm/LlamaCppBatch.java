package dev.storyvox.llm;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code struct llama_batch}: token ids, positions, sequence ids and output flags, allocated by llama.cpp. */
@Structure.FieldOrder({"nTokens", "token", "embd", "pos", "nSeqId", "seqId", "logits"})
public class LlamaCppBatch extends Structure {
  public int nTokens;
  public Pointer token;
  public Pointer embd;
  public Pointer pos;
  public Pointer nSeqId;
  public Pointer seqId;
  public Pointer logits;

  /** The by-value form llama.cpp passes and returns. */
  public static class ByValue extends LlamaCppBatch implements Structure.ByValue {
  }
}
