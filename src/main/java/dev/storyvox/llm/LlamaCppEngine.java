package dev.storyvox.llm;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model and context on the current llama.cpp (v0.5.0, bound by JNA through {@link LlamaCppLibrary}).
 * Load and use it from one pinned thread. Each generation starts from an empty KV cache; the context's
 * abort callback (set in its context parameters) reads the generation's cancel flag, so a cancel or timeout
 * stops even a long prompt decode within a token or two. The GGUF's own chat template is applied with {@code llama_chat_apply_template};
 * a model without one gets {@link ChatRenderer#fallback}.
 */
public final class LlamaCppEngine implements LlmEngine {

  private static final Logger LOG = LoggerFactory.getLogger(LlamaCppEngine.class);

  private final LlamaCppLibrary library;
  private final LlamaCppApi api;
  private final Path modelPath;
  private final Pointer model;
  private final Pointer context;
  private final Pointer vocab;
  private final String template;
  private final int contextSize;
  private final int batchSize;
  private final LlamaCppContextParams.AbortCallback abort;
  private volatile BooleanSupplier cancelled = () -> false;

  private LlamaCppEngine(LlamaCppLibrary library, Path modelPath, Pointer model, int contextSize, int threads,
                         boolean flashAttention) {
    this.library = library;
    this.api = library.api();
    this.modelPath = modelPath;
    this.model = model;
    this.vocab = api.llama_model_get_vocab(model);
    Pointer tmpl = api.llama_model_chat_template(model, null);
    this.template = tmpl == null ? null : tmpl.getString(0, "UTF-8");
    this.abort = data -> (byte) (cancelled.getAsBoolean() ? 1 : 0);
    LlamaCppContextParams.ByValue params = api.llama_context_default_params();
    params.nCtx = contextSize;
    params.nSeqMax = 1;
    if (threads > 0) {
      params.nThreads = threads;
      params.nThreadsBatch = threads;
    }
    params.flashAttnType = flashAttention ? 1 : 0;
    params.abortCallback = abort;
    Pointer ctx = api.llama_init_from_model(model, params);
    if (ctx == null) {
      api.llama_model_free(model);
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "llama.cpp could not create a context of "
          + contextSize + " tokens for " + modelPath.getFileName());
    }
    this.context = ctx;
    this.contextSize = api.llama_n_ctx(ctx);
    this.batchSize = api.llama_n_batch(ctx);
  }

  /**
   * Loads a GGUF model from the library in {@code libraryDir} and warms it up on the calling thread.
   *
   * @param gpuLayers layers to offload; -1 leaves llama.cpp's default (all, on a GPU build)
   * @throws ServiceException MODEL_UNAVAILABLE when the library or the model does not load, naming the
   *     model's architecture
   */
  public static LlamaCppEngine load(Path libraryDir, Path model, int contextSize, int threads, int gpuLayers,
                                    int mainGpu, boolean flashAttention) {
    Path file = model.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "LLM model file not found: " + file);
    }
    LlamaCppLibrary library = LlamaCppLibrary.open(libraryDir);
    LlamaCppApi api = library.api();
    LlamaCppModelParams.ByValue params = api.llama_model_default_params();
    if (gpuLayers >= 0) {
      params.nGpuLayers = gpuLayers;
    }
    params.mainGpu = mainGpu;
    long start = System.nanoTime();
    Pointer loaded = api.llama_model_load_from_file(file.toString(), params);
    if (loaded == null) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "LLM model " + file.getFileName() + " (architecture '"
          + ModelArchitectures.of(file) + "') did not load on " + library.describe());
    }
    LlamaCppEngine engine = new LlamaCppEngine(library, file, loaded, contextSize, threads, flashAttention);
    engine.generate(LlmRequest.raw("warm-up", "Once", 2, 0), piece -> { }, () -> false);
    LOG.info("LLM {} loaded on llama.cpp {} in {} ms (context {}, threads {}, chat template: {})", file.getFileName(),
        library.version(), (System.nanoTime() - start) / 1_000_000, engine.contextSize, threads,
        engine.template != null ? "model's own" : "fallback");
    return engine;
  }

  @Override
  public LlmReply generate(LlmRequest req, Consumer<String> onToken, BooleanSupplier cancel) {
    long start = System.nanoTime();
    String prompt = req.prompt() != null ? req.prompt() : render(req.messages());
    int[] input = tokenize(prompt, true);
    int promptTokens = tokens(prompt);
    if (input.length + req.maxTokens() > contextSize) {
      throw new ServiceException(ErrorCode.LLM_FAILURE, "prompt of " + promptTokens + " tokens plus maxTokens "
          + req.maxTokens() + " exceeds the context of " + contextSize + " tokens");
    }
    Pointer sampler = LlamaCppSampling.chain(api, vocab, req);
    cancelled = cancel;
    try {
      api.llama_memory_clear(api.llama_get_memory(context), true);
      LlamaCppGeneration run = new LlamaCppGeneration(api, context, vocab, sampler, abort, batchSize, req, onToken,
          cancel);
      run.run(input);
      long millis = (System.nanoTime() - start) / 1_000_000;
      LOG.debug("LLM {}: {} prompt + {} completion tokens in {} ms, {}", req.requestId(), promptTokens,
          run.generated(), millis, run.finishReason());
      return new LlmReply(run.text(), promptTokens, run.generated(), millis, run.finishReason());
    } finally {
      cancelled = () -> false;
      api.llama_sampler_free(sampler);
    }
  }

  @Override
  public String render(List<ChatMessage> messages) {
    if (template == null) {
      return ChatRenderer.fallback(messages);
    }
    List<Memory> strings = new java.util.ArrayList<>();
    Memory chat = new Memory((long) messages.size() * 2 * Native.POINTER_SIZE);
    for (int i = 0; i < messages.size(); i++) {
      chat.setPointer((long) i * 2 * Native.POINTER_SIZE, cString(messages.get(i).role(), strings));
      chat.setPointer((long) (i * 2 + 1) * Native.POINTER_SIZE, cString(messages.get(i).content(), strings));
    }
    byte[] buf = new byte[4096];
    int n = api.llama_chat_apply_template(template, chat, messages.size(), true, buf, buf.length);
    if (n > buf.length) {
      buf = new byte[n];
      n = api.llama_chat_apply_template(template, chat, messages.size(), true, buf, buf.length);
    }
    if (n < 0) {
      return ChatRenderer.fallback(messages);
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8);
  }

  @Override
  public int tokens(String text) {
    return text.isEmpty() ? 0 : tokenize(text, false).length;
  }

  @Override
  public String describe() {
    return modelPath.getFileName() + " (context " + contextSize + ", chat template: "
        + (template != null ? "model's own" : "fallback") + ")";
  }

  @Override
  public String engine() {
    return "llama.cpp " + library.version();
  }

  @Override
  public String gpu() {
    return library.gpu();
  }

  @Override
  public String backend() {
    return library.describe();
  }

  @Override
  public void close() {
    api.llama_free(context);
    api.llama_model_free(model);
  }

  /** Whether the model's own chat template is used. */
  boolean usesModelTemplate() {
    return template != null;
  }

  private int[] tokenize(String text, boolean addSpecial) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int[] tokens = new int[bytes.length + 8];
    int n = api.llama_tokenize(vocab, bytes, bytes.length, tokens, tokens.length, addSpecial, true);
    if (n < 0) {
      tokens = new int[-n];
      n = api.llama_tokenize(vocab, bytes, bytes.length, tokens, tokens.length, addSpecial, true);
    }
    if (n < 0) {
      throw new ServiceException(ErrorCode.LLM_FAILURE, "llama.cpp could not tokenize the prompt");
    }
    return java.util.Arrays.copyOf(tokens, n);
  }

  private static Pointer cString(String text, List<Memory> keep) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Memory memory = new Memory(bytes.length + 1L);
    memory.write(0, bytes, 0, bytes.length);
    memory.setByte(bytes.length, (byte) 0);
    keep.add(memory);
    return memory;
  }
}
