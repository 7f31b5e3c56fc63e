package dev.storyvox.llm;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The part of llama.cpp v0.5.0's C API ({@code llama.h}) the current engine uses, bound by JNA. C {@code bool}
 * results are bytes; {@code bool} arguments are passed as ints, which both 64-bit ABIs accept.
 */
interface LlamaCppApi extends Library {

  /** {@code ggml_log_callback}. */
  interface LogCallback extends Callback {
    void invoke(int level, Pointer text, Pointer userData);
  }

  String llama_version();

  void llama_backend_init();

  String llama_print_system_info();

  void llama_log_set(LogCallback callback, Pointer userData);

  LlamaCppModelParams.ByValue llama_model_default_params();

  LlamaCppContextParams.ByValue llama_context_default_params();

  Pointer llama_model_load_from_file(String path, LlamaCppModelParams.ByValue params);

  void llama_model_free(Pointer model);

  Pointer llama_init_from_model(Pointer model, LlamaCppContextParams.ByValue params);

  void llama_free(Pointer context);

  int llama_n_ctx(Pointer context);

  int llama_n_batch(Pointer context);

  Pointer llama_model_get_vocab(Pointer model);

  int llama_model_meta_val_str(Pointer model, String key, byte[] buf, long bufSize);

  Pointer llama_model_chat_template(Pointer model, String name);

  int llama_chat_apply_template(String template, Pointer chat, long nMessages, boolean addAssistant, byte[] buf,
                                int length);

  int llama_tokenize(Pointer vocab, byte[] text, int textLength, int[] tokens, int maxTokens, boolean addSpecial,
                     boolean parseSpecial);

  int llama_token_to_piece(Pointer vocab, int token, byte[] buf, int length, int lstrip, boolean special);

  byte llama_vocab_is_eog(Pointer vocab, int token);

  LlamaCppBatch.ByValue llama_batch_init(int nTokens, int embd, int nSeqMax);

  void llama_batch_free(LlamaCppBatch.ByValue batch);

  int llama_decode(Pointer context, LlamaCppBatch.ByValue batch);

  void llama_set_abort_callback(Pointer context, LlamaCppContextParams.AbortCallback callback, Pointer data);

  Pointer llama_get_memory(Pointer context);

  void llama_memory_clear(Pointer memory, boolean data);

  Pointer llama_sampler_chain_init(byte noPerf);

  void llama_sampler_chain_add(Pointer chain, Pointer sampler);

  Pointer llama_sampler_init_grammar(Pointer vocab, String grammar, String root);

  Pointer llama_sampler_init_greedy();

  Pointer llama_sampler_init_dist(int seed);

  Pointer llama_sampler_init_top_k(int k);

  Pointer llama_sampler_init_top_p(float p, long minKeep);

  Pointer llama_sampler_init_min_p(float p, long minKeep);

  Pointer llama_sampler_init_temp(float temperature);

  Pointer llama_sampler_init_penalties(int lastN, float repeat, float frequency, float presence);

  int llama_sampler_sample(Pointer sampler, Pointer context, int index);

  void llama_sampler_free(Pointer sampler);
}
