package dev.storyvox.stt;

import com.sun.jna.Pointer;

/**
 * whisper.cpp 1.7.1's {@code whisper_full} and its parameters, bound to the {@code libwhisper} that
 * whisper-jni extracted and loaded.
 */
interface WhisperJniCApi extends WhisperCApi {

  WhisperCFullParams.ByValue whisper_full_default_params(int strategy);

  int whisper_full(Pointer ctx, WhisperCFullParams.ByValue params, float[] samples, int nSamples);
}
