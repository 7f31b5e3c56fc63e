package dev.storyvox.stt;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct whisper_full_params} of whisper.cpp 1.7.1, field for field (nested {@code greedy} and
 * {@code beam_search} flattened, {@code bool} as byte, {@code size_t} as long: 64-bit only).
 * {@link WhisperLibrary} checks the layout against the library's defaults before the first use.
 */
@Structure.FieldOrder({"strategy", "nThreads", "nMaxTextCtx", "offsetMs", "durationMs",
    "translate", "noContext", "noTimestamps", "singleSegment", "printSpecial", "printProgress",
    "printRealtime", "printTimestamps",
    "tokenTimestamps", "tholdPt", "tholdPtsum", "maxLen", "splitOnWord", "maxTokens",
    "debugMode", "audioCtx", "tdrzEnable", "suppressRegex",
    "initialPrompt", "promptTokens", "promptNTokens", "language", "detectLanguage",
    "suppressBlank", "suppressNonSpeechTokens",
    "temperature", "maxInitialTs", "lengthPenalty",
    "temperatureInc", "entropyThold", "logprobThold", "noSpeechThold",
    "greedyBestOf", "beamSearchBeamSize", "beamSearchPatience",
    "newSegmentCallback", "newSegmentCallbackUserData", "progressCallback", "progressCallbackUserData",
    "encoderBeginCallback", "encoderBeginCallbackUserData", "abortCallback", "abortCallbackUserData",
    "logitsFilterCallback", "logitsFilterCallbackUserData",
    "grammarRules", "nGrammarRules", "iStartRule", "grammarPenalty"})
public class WhisperCFullParams extends Structure {
  /** {@code WHISPER_SAMPLING_GREEDY}. */
  static final int GREEDY = 0;
  /** {@code WHISPER_SAMPLING_BEAM_SEARCH}. */
  static final int BEAM_SEARCH = 1;

  public int strategy;
  public int nThreads;
  public int nMaxTextCtx;
  public int offsetMs;
  public int durationMs;
  public byte translate;
  public byte noContext;
  public byte noTimestamps;
  public byte singleSegment;
  public byte printSpecial;
  public byte printProgress;
  public byte printRealtime;
  public byte printTimestamps;
  public byte tokenTimestamps;
  public float tholdPt;
  public float tholdPtsum;
  public int maxLen;
  public byte splitOnWord;
  public int maxTokens;
  public byte debugMode;
  public int audioCtx;
  public byte tdrzEnable;
  public Pointer suppressRegex;
  public Pointer initialPrompt;
  public Pointer promptTokens;
  public int promptNTokens;
  public Pointer language;
  public byte detectLanguage;
  public byte suppressBlank;
  public byte suppressNonSpeechTokens;
  public float temperature;
  public float maxInitialTs;
  public float lengthPenalty;
  public float temperatureInc;
  public float entropyThold;
  public float logprobThold;
  public float noSpeechThold;
  public int greedyBestOf;
  public int beamSearchBeamSize;
  public float beamSearchPatience;
  public Pointer newSegmentCallback;
  public Pointer newSegmentCallbackUserData;
  public Pointer progressCallback;
  public Pointer progressCallbackUserData;
  public Pointer encoderBeginCallback;
  public Pointer encoderBeginCallbackUserData;
  public Pointer abortCallback;
  public Pointer abortCallbackUserData;
  public Pointer logitsFilterCallback;
  public Pointer logitsFilterCallbackUserData;
  public Pointer grammarRules;
  public long nGrammarRules;
  public long iStartRule;
  public float grammarPenalty;

  /** The native strings this struct points at, held so they live as long as the struct. */
  private Memory languageText;
  private Memory promptText;

  /** Points {@code language} at a UTF-8 copy of {@code value}. */
  void setLanguage(String value) {
    languageText = utf8(value);
    language = languageText;
  }

  /** Points {@code initial_prompt} at a UTF-8 copy of {@code value}, or at nothing when it is blank. */
  void setInitialPrompt(String value) {
    promptText = value == null || value.isBlank() ? null : utf8(value);
    initialPrompt = promptText;
  }

  /** A NUL-terminated UTF-8 copy of {@code value}, as whisper.cpp's C strings expect. */
  static byte[] cString(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    byte[] terminated = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, terminated, 0, bytes.length);
    return terminated;
  }

  static Memory utf8(String value) {
    byte[] bytes = cString(value);
    Memory memory = new Memory(bytes.length);
    memory.write(0, bytes, 0, bytes.length);
    return memory;
  }

  /** The by-value form whisper.cpp passes and returns. */
  public static class ByValue extends WhisperCFullParams implements Structure.ByValue {
  }
}
