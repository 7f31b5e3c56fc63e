package dev.storyvox.llm;

import dev.storyvox.engine.ReportsBackend;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One loaded model and context of an in-process llama.cpp engine, used from one pinned thread: the current
 * llama.cpp ({@link LlamaCppEngine}) when it is installed, else the bundled java-llama.cpp 4.2.0
 * ({@link LlamaEngine}). {@link LlmEngines} picks one.
 */
interface LlmEngine extends AutoCloseable, ReportsBackend {

  /**
   * Generates a reply, streaming each released piece of text to {@code onToken}.
   *
   * @param cancelled polled while generating; once true, generation stops with {@link LlmReply#CANCELLED}
   * @throws dev.storyvox.bus.ServiceException {@code LLM_FAILURE} for a bad grammar, an over-long prompt or a
   *     native error
   */
  LlmReply generate(LlmRequest req, Consumer<String> onToken, BooleanSupplier cancelled);

  /** The prompt text the model reads for these messages (its chat template, or the fallback format). */
  String render(List<ChatMessage> messages);

  /** The number of tokens the model's tokenizer makes of this text (without BOS). */
  int tokens(String text);

  /** The model file, its context size and which chat format it gets. */
  String describe();

  /** The engine and its version, e.g. {@code llama.cpp 0.5.0-dev} or {@code java-llama.cpp 4.2.0 (llama.cpp b4916)}. */
  String engine();

  /** The GPU backend the engine runs on, or {@code null} for CPU only. */
  String gpu();

  @Override
  void close();
}
