package dev.storyvox.llm;

import dev.storyvox.bus.Readiness;
import io.vertx.core.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Where {@link LlmVerticle} sends generations: the in-process llama.cpp engine or an OpenAI-compatible
 * server. Every method is called from the owning verticle's context; failures are
 * {@link dev.storyvox.bus.ServiceException}s.
 */
interface LlmBackend {

  /** Starts loading or connecting; never fails (problems show in {@link #readiness()}). */
  Future<Void> start();

  /**
   * Generates a reply.
   *
   * @param onToken receives pieces of the text as they come (may be called from another thread)
   * @param cancelled polled while generating; once true the generation stops with {@link LlmReply#CANCELLED}
   */
  Future<LlmReply> generate(LlmRequest request, Consumer<String> onToken, BooleanSupplier cancelled);

  /** Whether the backend can serve requests now, and why not. */
  Future<Readiness> readiness();

  /** Releases the engine or client. */
  Future<Void> close();
}
