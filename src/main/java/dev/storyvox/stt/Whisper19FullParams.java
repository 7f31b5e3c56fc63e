package dev.storyvox.stt;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct whisper_full_params} of whisper.cpp 1.9.x, field for field (nested {@code greedy},
 * {@code beam_search} and {@code vad_params} flattened, {@code bool} as byte, {@code size_t} as long: 64-bit
 * only). Against 1.7.1 ({@link WhisperCFullParams}) it has {@code carry_initial_prompt} after
 * {@code initial_prompt} and whisper's own VAD at the end ({@code vad}, {@code vad_model_path},
 * {@code vad_params}); storyvox leaves that VAD off. {@link Whisper19Library} checks the layout against the
 * library's defaults before the first use.
 */
@Structure.FieldOrder({"strategy", "nThreads", "nMaxTextCtx", "offsetMs", "durationMs",
    "translate", "noContext", "noTimestamps", "singleSegment", "printSpecial", "printProgress",
    "printRealtime", "printTimestamps",
    "tokenTimestamps", "tholdPt", "tholdPtsum", "maxLen", "splitOnWord", "maxTokens",
    "debugMode", "audioCtx", "tdrzEnable", "suppressRegex",
    "initialPrompt", "carryInitialPrompt", "promptTokens", "promptNTokens", "language", "detectLanguage",
    "suppressBlank", "suppressNst",
    "temperature", "maxInitialTs", "lengthPenalty",
    "temperatureInc", "entropyThold", "logprobThold", "noSpeechThold",
    "greedyBestOf", "beamSearchBeamSize", "beamSearchPatience",
    "newSegmentCallback", "newSegmentCallbackUserData", "progressCallback", "progressCallbackUserData",
    "encoderBeginCallback", "encoderBeginCallbackUserData", "abortCallback", "abortCallbackUserData",
    "logitsFilterCallback", "logitsFilterCallbackUserData",
    "grammarRules", "nGrammarRules", "iStartRule", "grammarPenalty",
    "vad", "vadModelPath", "vadThreshold", "vadMinSpeechDurationMs", "vadMinSilenceDurationMs",
    "vadMaxSpeechDurationS", "vadSpeechPadMs", "vadSamplesOverlap"})
public class Whisper19FullParams extends Structure {
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
  public byte carryInitialPrompt;
  public Pointer promptTokens;
  public int promptNTokens;
  public Pointer language;
  public byte detectLanguage;
  public byte suppressBlank;
  public byte suppressNst;
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
  public byte vad;
  public Pointer vadModelPath;
  public float vadThreshold;
  public int vadMinSpeechDurationMs;
  public int vadMinSilenceDurationMs;
  public float vadMaxSpeechDurationS;
  public int vadSpeechPadMs;
  public float vadSamplesOverlap;

  /** The native strings this struct points at, held so they live as long as the struct. */
  private Memory languageText;
  private Memory promptText;

  public Whisper19FullParams() {
  }

  /** The struct at {@code memory}, read now (for the layout check's own tests). */
  public Whisper19FullParams(Pointer memory) {
    super(memory);
    read();
  }

  /** The byte offset of the field named {@code name} in the native struct. */
  int offsetOf(String name) {
    return fieldOffset(name);
  }

  /** Points {@code language} at a UTF-8 copy of {@code value}. */
  void setLanguage(String value) {
    languageText = WhisperCFullParams.utf8(value);
    language = languageText;
  }

  /** Points {@code initial_prompt} at a UTF-8 copy of {@code value}, or at nothing when it is blank. */
  void setInitialPrompt(String value) {
    promptText = value == null || value.isBlank() ? null : WhisperCFullParams.utf8(value);
    initialPrompt = promptText;
  }

  /** The by-value form whisper.cpp passes and returns. */
  public static class ByValue extends Whisper19FullParams implements Structure.ByValue {
  }
}
