package dev.storyvox.stt;

import com.sun.jna.Pointer;

/**
 * What whisper.cpp 1.9.x adds to {@link WhisperCApi} for the engine: its {@code whisper_full} with the
 * 1.9 parameter struct, the version string and each segment's no-speech probability.
 */
interface Whisper19CApi extends WhisperCApi {

  Whisper19FullParams.ByValue whisper_full_default_params(int strategy);

  int whisper_full(Pointer ctx, Whisper19FullParams.ByValue params, float[] samples, int nSamples);

  Pointer whisper_version();

  float whisper_full_get_segment_no_speech_prob(Pointer ctx, int segment);
}
