package dev.storyvox.stt;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The part of whisper.cpp's C API ({@code whisper.h}) the engine calls through JNA that is the same in
 * 1.7.1 and 1.9.x: the context (whose {@code whisper_context_params} layout did not change), the results
 * and the vocabulary. {@code whisper_full} and its parameters differ: {@link WhisperJniCApi} (1.7.1) and
 * {@link Whisper19CApi} (1.9.x) add them. Strings go in as NUL-terminated UTF-8 bytes and come out as
 * pointers, so no platform charset is involved.
 */
interface WhisperCApi extends Library {

  WhisperCContextParams.ByValue whisper_context_default_params();

  Pointer whisper_init_from_file_with_params(byte[] pathModel, WhisperCContextParams.ByValue params);

  void whisper_free(Pointer ctx);

  int whisper_full_n_segments(Pointer ctx);

  long whisper_full_get_segment_t0(Pointer ctx, int segment);

  long whisper_full_get_segment_t1(Pointer ctx, int segment);

  Pointer whisper_full_get_segment_text(Pointer ctx, int segment);

  int whisper_full_n_tokens(Pointer ctx, int segment);

  int whisper_full_get_token_id(Pointer ctx, int segment, int token);

  float whisper_full_get_token_p(Pointer ctx, int segment, int token);

  WhisperCTokenData.ByValue whisper_full_get_token_data(Pointer ctx, int segment, int token);

  Pointer whisper_full_get_token_text(Pointer ctx, int segment, int token);

  int whisper_token_eot(Pointer ctx);

  int whisper_full_lang_id(Pointer ctx);

  int whisper_lang_id(byte[] lang);

  Pointer whisper_lang_str(int id);

  Pointer whisper_print_system_info();
}
