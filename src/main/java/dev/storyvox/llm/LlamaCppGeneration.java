package dev.storyvox.llm;

import com.sun.jna.Pointer;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One generation on the current llama.cpp: the prompt decoded in batches of up to {@code n_batch} tokens,
 * then one token at a time until an end-of-generation token (or a complete grammar), a stop string, the cap,
 * or a cancel. A {@code llama_decode} stopped by the abort callback (result 2) ends it as cancelled. The
 * callback (a Java upcall per graph node) is armed for the prompt's batches only: between single tokens the
 * cancel flag is read here, which stops generation within a token at a fraction of the upcalls' cost.
 */
final class LlamaCppGeneration {

  private static final int ABORTED = 2;

  private final LlamaCppApi api;
  private final Pointer context;
  private final Pointer vocab;
  private final Pointer sampler;
  private final LlamaCppContextParams.AbortCallback abort;
  private final int batchSize;
  private final LlmRequest req;
  private final Consumer<String> onToken;
  private final BooleanSupplier cancelled;
  private final StopMatcher stops;
  private final Utf8Pieces pieces = new Utf8Pieces();
  private final StringBuilder text = new StringBuilder();
  private final byte[] piece = new byte[256];
  private int generated;
  private String finishReason;

  LlamaCppGeneration(LlamaCppApi api, Pointer context, Pointer vocab, Pointer sampler,
                     LlamaCppContextParams.AbortCallback abort, int batchSize, LlmRequest req,
                     Consumer<String> onToken, BooleanSupplier cancelled) {
    this.api = api;
    this.abort = abort;
    this.context = context;
    this.vocab = vocab;
    this.sampler = sampler;
    this.batchSize = batchSize;
    this.req = req;
    this.onToken = onToken;
    this.cancelled = cancelled;
    this.stops = new StopMatcher(req.stop());
  }

  void run(int[] prompt) {
    LlamaCppBatch.ByValue batch = api.llama_batch_init(Math.min(batchSize, Math.max(prompt.length, 1)), 0, 1);
    try {
      finishReason = generate(batch, prompt);
    } finally {
      api.llama_batch_free(batch);
    }
    if (!LlmReply.CANCELLED.equals(finishReason) && !stops.matched()) {
      release(pieces.flush());
      release(stops.flush());
    }
  }

  private String generate(LlamaCppBatch.ByValue batch, int[] prompt) {
    api.llama_set_abort_callback(context, abort, null);
    for (int from = 0; from < prompt.length; from += batchSize) {
      int n = Math.min(batchSize, prompt.length - from);
      if (!decode(batch, prompt, from, n, from, from + n == prompt.length)) {
        return LlmReply.CANCELLED;
      }
    }
    api.llama_set_abort_callback(context, null, null);
    int[] one = new int[1];
    int position = prompt.length;
    while (generated < req.maxTokens()) {
      if (cancelled.getAsBoolean()) {
        return LlmReply.CANCELLED;
      }
      int token = api.llama_sampler_sample(sampler, context, -1);
      if (api.llama_vocab_is_eog(vocab, token) != 0) {
        return LlmReply.STOP;
      }
      generated++;
      int length = api.llama_token_to_piece(vocab, token, piece, piece.length, 0, false);
      if (length > 0) {
        release(stops.accept(pieces.add(piece, length)));
        if (stops.matched()) {
          return LlmReply.STOP;
        }
      }
      if (generated == req.maxTokens()) {
        break;
      }
      one[0] = token;
      if (!decode(batch, one, 0, 1, position++, true)) {
        return LlmReply.CANCELLED;
      }
    }
    return LlmReply.LENGTH;
  }

  /** Decodes {@code n} tokens at {@code position}; false when the abort callback stopped it. */
  private boolean decode(LlamaCppBatch.ByValue batch, int[] tokens, int from, int n, int position, boolean last) {
    batch.nTokens = n;
    for (int i = 0; i < n; i++) {
      batch.token.setInt(4L * i, tokens[from + i]);
      batch.pos.setInt(4L * i, position + i);
      batch.nSeqId.setInt(4L * i, 1);
      batch.seqId.getPointer(8L * i).setInt(0, 0);
      batch.logits.setByte(i, (byte) (last && i == n - 1 ? 1 : 0));
    }
    int result = api.llama_decode(context, batch);
    if (result == ABORTED || cancelled.getAsBoolean()) {
      return false;
    }
    if (result != 0) {
      throw new ServiceException(ErrorCode.LLM_FAILURE, "llama_decode failed with " + result);
    }
    return true;
  }

  private void release(String released) {
    if (!released.isEmpty()) {
      text.append(released);
      onToken.accept(released);
    }
  }

  String text() {
    return text.toString();
  }

  int generated() {
    return generated;
  }

  String finishReason() {
    return finishReason;
  }
}
