package dev.storyvox.stt;

import com.sun.jna.Structure;

/**
 * {@code struct whisper_token_data} of whisper.cpp 1.7.1 and 1.9.x (unchanged), field for field, as
 * {@code whisper_full_get_token_data} returns it. {@code t0} and {@code t1} (10 ms units) are only
 * computed when the decode ran with {@code token_timestamps}.
 */
@Structure.FieldOrder({"id", "tid", "p", "plog", "pt", "ptsum", "t0", "t1", "tDtw", "vlen"})
public class WhisperCTokenData extends Structure {
  public int id;
  public int tid;
  public float p;
  public float plog;
  public float pt;
  public float ptsum;
  public long t0;
  public long t1;
  public long tDtw;
  public float vlen;

  /** The by-value form whisper.cpp returns. */
  public static class ByValue extends WhisperCTokenData implements Structure.ByValue {
  }
}
