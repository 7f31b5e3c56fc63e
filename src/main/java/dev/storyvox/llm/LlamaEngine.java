package dev.storyvox.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.engine.NativeLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One llama.cpp model and context (java-llama.cpp 4.2.0). Load, warm up and use it from one pinned thread
 * for its whole life: the bundled OpenMP build runs slowly when two threads drive the same context.
 *
 * <p>Generation streams piece by piece; a grammar (GBNF) or JSON schema constrains the output, and
 * {@code maxTokens} caps it. A native failure becomes a {@link ServiceException} and leaves the engine usable.
 * {@link #close()} frees the model but leaves java-llama.cpp's native task thread alive, so a process that
 * loaded an engine must exit explicitly.
 */
public final class LlamaEngine implements LlmEngine {

  private static final Logger LOG = LoggerFactory.getLogger(LlamaEngine.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ROOT_RULE = Pattern.compile("(?m)^\\s*root\\s*::=");

  private final LlamaModel model;
  private final Path modelPath;
  private final int contextSize;
  private final ChatRenderer chat;

  private LlamaEngine(LlamaModel model, Path modelPath, int contextSize, boolean modelTemplate) {
    this.model = model;
    this.modelPath = modelPath;
    this.contextSize = contextSize;
    this.chat = new ChatRenderer(model, modelTemplate);
  }

  /**
   * Loads a GGUF model and warms it up on the calling thread.
   *
   * @param model the GGUF file
   * @param contextSize the context window in tokens (prompt plus reply)
   * @param threads CPU threads; 0 lets llama.cpp choose
   * @param gpuLayers layers to offload to the GPU; -1 leaves llama.cpp's default
   * @param mainGpu the GPU that holds the model when it is not split
   * @throws ServiceException {@code MODEL_UNAVAILABLE} when the file is missing or does not load, or its
   *     architecture is newer than llama.cpp b4916 (the message names it and how to install the current engine)
   */
  public static LlamaEngine load(Path model, int contextSize, int threads, int gpuLayers, int mainGpu) {
    return load(model, contextSize, threads, gpuLayers, mainGpu, false);
  }

  /**
   * Loads a GGUF model as {@link #load(Path, int, int, int, int)} does, with llama.cpp's flash attention
   * on when {@code flashAttention} (GPU builds).
   */
  public static LlamaEngine load(Path model, int contextSize, int threads, int gpuLayers, int mainGpu,
                                 boolean flashAttention) {
    Path file = model.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "LLM model file not found: " + file);
    }
    ModelArchitectures.requireB4916(file);
    boolean modelTemplate = hasChatTemplate(file);
    ModelParameters params = new ModelParameters()
        .setModel(file.toString())
        .setCtxSize(contextSize)
        .setMainGpu(mainGpu)
        .skipWarmup()
        .disableLog();
    if (threads > 0) {
      params.setThreads(threads).setThreadsBatch(threads);
    }
    if (gpuLayers >= 0) {
      params.setGpuLayers(gpuLayers);
    }
    if (flashAttention) {
      params.enableFlashAttn();
    }
    long start = System.nanoTime();
    LlamaModel loaded;
    try {
      loaded = new LlamaModel(params);
    } catch (RuntimeException | LinkageError e) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "LLM model " + file + " did not load: " + e.getMessage(), e);
    }
    LlamaEngine engine = new LlamaEngine(loaded, file, contextSize, modelTemplate);
    engine.warmUp();
    LOG.info("LLM {} loaded in {} ms (context {}, threads {}, chat template: {})", file.getFileName(),
        (System.nanoTime() - start) / 1_000_000, contextSize, threads, modelTemplate ? "model's own" : "fallback");
    return engine;
  }

  /**
   * {@inheritDoc} {@code cancelled} is polled before each piece. llama.cpp b4916 reports other grammar syntax errors only on stderr and then generates
   *     unconstrained text, so grammars belong in tested files. A JSON schema must be a JSON object that
   *     llama.cpp can convert: one it cannot convert aborts the process (a native exception is uncaught).
   */
  @Override
  public LlmReply generate(LlmRequest req, Consumer<String> onToken, BooleanSupplier cancelled) {
    long start = System.nanoTime();
    if (req.grammar() != null && !ROOT_RULE.matcher(req.grammar()).find()) {
      throw new ServiceException(ErrorCode.LLM_FAILURE, "the GBNF grammar of " + req.requestId() + " has no root rule");
    }
    String prompt = req.prompt() != null ? req.prompt() : chat.render(req.messages());
    int promptTokens = model.encode(prompt).length;
    if (promptTokens + req.maxTokens() > contextSize) {
      throw new ServiceException(ErrorCode.LLM_FAILURE, "prompt of " + promptTokens + " tokens plus maxTokens "
          + req.maxTokens() + " exceeds the context of " + contextSize + " tokens");
    }
    Generation run = new Generation(req, onToken, cancelled);
    try {
      run.drain(model.generate(parameters(req, prompt)).iterator());
    } catch (ServiceException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ServiceException(ErrorCode.LLM_FAILURE, "LLM generation failed: " + e.getMessage(), e);
    }
    String text = run.text();
    int completionTokens = run.finishReason().equals(LlmReply.LENGTH) ? req.maxTokens() : tokens(text);
    long millis = (System.nanoTime() - start) / 1_000_000;
    LOG.debug("LLM {}: {} prompt + {} completion tokens in {} ms, {}", req.requestId(), promptTokens,
        completionTokens, millis, run.finishReason());
    return new LlmReply(text, promptTokens, completionTokens, millis, run.finishReason());
  }

  @Override
  public String render(List<ChatMessage> messages) {
    return chat.render(messages);
  }

  @Override
  public int tokens(String text) {
    return text.isEmpty() ? 0 : model.encode(text).length;
  }

  @Override
  public String describe() {
    return modelPath.getFileName() + " (context " + contextSize + ", chat template: "
        + (chat.usesModelTemplate() ? "model's own" : "fallback") + ")";
  }

  /**
   * The bundled library is a CPU build; llama.cpp's device report is not reachable from Java, so a library of
   * one's own ({@code llm.nativeLibraryDir}) is reported as such, and counts as having a GPU backend.
   */
  @Override
  public String backend() {
    String dir = System.getProperty(NativeLibraries.LLAMA_LIB_PATH);
    return engine() + (dir == null ? ", CPU (bundled build)" : ", build from " + dir);
  }

  @Override
  public String gpu() {
    return System.getProperty(NativeLibraries.LLAMA_LIB_PATH) == null ? null : "own build";
  }

  @Override
  public String engine() {
    return "java-llama.cpp 4.2.0 (llama.cpp b4916)";
  }

  @Override
  public void close() {
    model.close();
  }

  private void warmUp() {
    generate(LlmRequest.raw("warm-up", "Once", 2, 0), piece -> { }, () -> false);
  }

  private static InferenceParameters parameters(LlmRequest req, String prompt) {
    InferenceParameters params = new InferenceParameters(prompt)
        .setNPredict(req.maxTokens())
        .setTemperature((float) req.temperature())
        .setTopP((float) req.topP())
        .setRepeatPenalty((float) req.repeatPenalty())
        .setCachePrompt(false);
    if (req.seed() != LlmRequest.RANDOM_SEED) {
      params.setSeed((int) req.seed());
    }
    if (req.grammar() != null) {
      params.setGrammar(req.grammar());
    } else if (req.jsonSchema() != null) {
      params.setGrammar(LlamaModel.jsonSchemaToGrammar(checkedSchema(req)));
    }
    return params;
  }

  /**
   * The schema, once it is known to be a JSON object: java-llama.cpp 4.2.0 converts it natively without
   * catching C++ exceptions, so malformed JSON (or a schema llama.cpp cannot convert) aborts the JVM.
   */
  static String checkedSchema(LlmRequest req) {
    try {
      if (JSON.readTree(req.jsonSchema()).isObject()) {
        return req.jsonSchema();
      }
    } catch (JsonProcessingException e) {
      LOG.debug("JSON schema of {} does not parse: {}", req.requestId(), e.getOriginalMessage());
    }
    throw new ServiceException(ErrorCode.LLM_FAILURE, "the JSON schema of " + req.requestId() + " is not a JSON object");
  }

  private static boolean hasChatTemplate(Path file) {
    try {
      String template = GgufMetadata.read(file).string(GgufMetadata.CHAT_TEMPLATE);
      return template != null && !template.isBlank();
    } catch (IOException e) {
      throw new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "LLM model " + file + " is unreadable: " + e.getMessage(), e);
    }
  }

  /**
   * One streamed generation. java-llama.cpp 4.2.0 reports neither token counts nor why it stopped, so:
   * the end-of-text token arrives as an empty piece just before the final (empty) output, and a stream
   * that ends without one was cut by the cap. Stop strings are matched here, not natively, so that a
   * stop is never mistaken for the cap.
   */
  private static final class Generation {

    private final Consumer<String> onToken;
    private final BooleanSupplier cancelled;
    private final StopMatcher stops;
    private final StringBuilder text = new StringBuilder();
    private String finishReason;

    Generation(LlmRequest req, Consumer<String> onToken, BooleanSupplier cancelled) {
      this.onToken = onToken;
      this.cancelled = cancelled;
      this.stops = new StopMatcher(req.stop());
    }

    void drain(LlamaIterator outputs) {
      boolean ended = false;
      try {
        ended = read(outputs);
      } finally {
        if (!ended) {
          outputs.cancel();
        }
      }
    }

    /** Reads pieces until the stream ends (true) or it must be cancelled (false). */
    private boolean read(LlamaIterator outputs) {
      boolean lastPieceEmpty = false;
      while (outputs.hasNext()) {
        if (cancelled.getAsBoolean()) {
          finishReason = LlmReply.CANCELLED;
          return false;
        }
        LlamaOutput output = outputs.next();
        if (!outputs.hasNext()) {
          break;
        }
        lastPieceEmpty = output.text.isEmpty();
        release(stops.accept(output.text));
        if (stops.matched()) {
          finishReason = LlmReply.STOP;
          return false;
        }
      }
      release(stops.flush());
      finishReason = lastPieceEmpty ? LlmReply.STOP : LlmReply.LENGTH;
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

    String finishReason() {
      return finishReason;
    }
  }
}
