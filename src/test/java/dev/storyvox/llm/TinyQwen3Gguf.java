package dev.storyvox.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny random Qwen3-architecture GGUF (v3, per ggml's docs/gguf.md): one layer, 64-wide, GQA 4/2
 * heads with q/k norms, a byte-level BPE vocabulary (the 256 GPT-2 byte symbols, a few merges, ChatML
 * control tokens) with {@code tokenizer.ggml.pre = qwen2}, a ChatML chat template, f32 weights from a fixed seed.
 */
final class TinyQwen3Gguf {

  static final int EMBD = 64;
  static final int HEADS = 4;
  static final int HEADS_KV = 2;
  static final int HEAD_DIM = 16;
  static final int FF = 128;
  private static final int ALIGN = 32;
  private static final String[] MERGES = {"h e", "l l", "o n", "Ġ t", "he ll", "t h"};
  private static final String[] SPECIALS = {"<|endoftext|>", "<|im_start|>", "<|im_end|>"};
  private static final String TEMPLATE = "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
      + "{{ message['content'] }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Map<String, long[]> tensors = new LinkedHashMap<>();

  private TinyQwen3Gguf() {
  }

  /** Writes the model to {@code file}. */
  static Path write(Path file) throws IOException {
    return new TinyQwen3Gguf().build(file);
  }

  private Path build(Path file) throws IOException {
    List<String> vocab = vocabulary();
    tensors.put("token_embd.weight", new long[] {EMBD, vocab.size()});
    tensors.put("output_norm.weight", new long[] {EMBD});
    tensors.put("output.weight", new long[] {EMBD, vocab.size()});
    tensors.put("blk.0.attn_norm.weight", new long[] {EMBD});
    tensors.put("blk.0.attn_q.weight", new long[] {EMBD, HEADS * HEAD_DIM});
    tensors.put("blk.0.attn_k.weight", new long[] {EMBD, HEADS_KV * HEAD_DIM});
    tensors.put("blk.0.attn_v.weight", new long[] {EMBD, HEADS_KV * HEAD_DIM});
    tensors.put("blk.0.attn_output.weight", new long[] {HEADS * HEAD_DIM, EMBD});
    tensors.put("blk.0.attn_q_norm.weight", new long[] {HEAD_DIM});
    tensors.put("blk.0.attn_k_norm.weight", new long[] {HEAD_DIM});
    tensors.put("blk.0.ffn_norm.weight", new long[] {EMBD});
    tensors.put("blk.0.ffn_gate.weight", new long[] {EMBD, FF});
    tensors.put("blk.0.ffn_up.weight", new long[] {EMBD, FF});
    tensors.put("blk.0.ffn_down.weight", new long[] {FF, EMBD});
    int[] types = new int[vocab.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = i >= vocab.size() - SPECIALS.length ? 3 : 1;
    }
    bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    u32(3);
    u64(tensors.size());
    u64(20);
    kvString("general.architecture", "qwen3");
    kvString("general.name", "tiny-random-qwen3");
    kvU32("qwen3.context_length", 512);
    kvU32("qwen3.embedding_length", EMBD);
    kvU32("qwen3.block_count", 1);
    kvU32("qwen3.feed_forward_length", FF);
    kvU32("qwen3.attention.head_count", HEADS);
    kvU32("qwen3.attention.head_count_kv", HEADS_KV);
    kvU32("qwen3.attention.key_length", HEAD_DIM);
    kvU32("qwen3.attention.value_length", HEAD_DIM);
    kvF32("qwen3.rope.freq_base", 1_000_000f);
    kvF32("qwen3.attention.layer_norm_rms_epsilon", 1e-6f);
    kvString("tokenizer.ggml.model", "gpt2");
    kvString("tokenizer.ggml.pre", "qwen2");
    kvStrings("tokenizer.ggml.tokens", vocab);
    kvInts("tokenizer.ggml.token_type", types);
    kvStrings("tokenizer.ggml.merges", List.of(MERGES));
    kvU32("tokenizer.ggml.eos_token_id", vocab.size() - 1);
    kvU32("tokenizer.ggml.bos_token_id", vocab.size() - 3);
    kvString("tokenizer.chat_template", TEMPLATE);
    long offset = 0;
    for (Map.Entry<String, long[]> t : tensors.entrySet()) {
      string(t.getKey());
      u32(t.getValue().length);
      for (long d : t.getValue()) {
        u64(d);
      }
      u32(0);
      u64(offset);
      offset += aligned(4 * count(t.getValue()));
    }
    pad();
    Random random = new Random(13);
    for (Map.Entry<String, long[]> t : tensors.entrySet()) {
      boolean norm = t.getKey().contains("norm");
      ByteBuffer data = ByteBuffer.allocate((int) aligned(4 * count(t.getValue()))).order(ByteOrder.LITTLE_ENDIAN);
      for (long i = 0; i < count(t.getValue()); i++) {
        data.putFloat(norm ? 1f : (float) (random.nextGaussian() * 0.2));
      }
      bytes(data.array());
    }
    return Files.write(file, out.toByteArray());
  }

  /** The 256 byte symbols in GPT-2's byte-to-unicode order, the merge results, then the control tokens. */
  private static List<String> vocabulary() {
    List<String> vocab = new ArrayList<>();
    int extra = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174);
      vocab.add(new String(Character.toChars(printable ? b : 256 + extra++)));
    }
    for (String merge : MERGES) {
      vocab.add(merge.replace(" ", ""));
    }
    vocab.addAll(List.of(SPECIALS));
    return vocab;
  }

  private static long count(long[] dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  private static long aligned(long n) {
    return (n + ALIGN - 1) / ALIGN * ALIGN;
  }

  private void pad() {
    while (out.size() % ALIGN != 0) {
      out.write(0);
    }
  }

  private void kvString(String key, String value) {
    string(key);
    u32(8);
    string(value);
  }

  private void kvU32(String key, int value) {
    string(key);
    u32(4);
    u32(value);
  }

  private void kvF32(String key, float value) {
    string(key);
    u32(6);
    u32(Float.floatToIntBits(value));
  }

  private void kvStrings(String key, List<String> values) {
    string(key);
    u32(9);
    u32(8);
    u64(values.size());
    values.forEach(this::string);
  }

  private void kvInts(String key, int[] values) {
    string(key);
    u32(9);
    u32(5);
    u64(values.length);
    for (int v : values) {
      u32(v);
    }
  }

  private void string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    u64(b.length);
    bytes(b);
  }

  private void u32(int v) {
    bytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
  }

  private void u64(long v) {
    bytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
  }

  private void bytes(byte[] b) {
    out.write(b, 0, b.length);
  }
}
