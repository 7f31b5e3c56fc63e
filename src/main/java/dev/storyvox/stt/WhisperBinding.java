package dev.storyvox.stt;

import com.sun.jna.Pointer;

/**
 * The whisper.cpp library a {@link WhisperEngine} runs on: whisper-jni's bundled 1.7.1
 * ({@link WhisperJniBinding}) or a whisper.cpp 1.9.x library from the engines folder
 * ({@link Whisper19Binding}). Both share the context and result calls ({@link WhisperCApi}); they differ
 * in {@code whisper_full}'s parameter struct and in what they report.
 */
interface WhisperBinding {

  /** The calls both versions share. */
  WhisperCApi api();

  /**
   * Runs {@code whisper_full} on {@code ctx} with {@code request}'s decoding parameters.
   *
   * @param threads decoding threads; 0 keeps whisper.cpp's default
   * @return whisper.cpp's status, 0 on success
   */
  int full(Pointer ctx, WhisperRequest request, int threads, float[] samples);

  /** The no-speech probability of segment {@code index} of the last decode, or NaN where the engine has none. */
  float noSpeechProb(Pointer ctx, int index);

  /** The engine and its version, e.g. {@code whisper.cpp 1.7.1 (whisper-jni, bundled)}. */
  String engine();

  /** whisper.cpp's system info line: the SIMD features and backends the library was built with. */
  default String systemInfo() {
    return api().whisper_print_system_info().getString(0, "UTF-8").strip();
  }
}
