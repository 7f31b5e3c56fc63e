package dev.storyvox.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.config.EnginesConfig;
import dev.storyvox.llm.LlamaCppEngine;
import dev.storyvox.llm.LlamaEngine;
import dev.storyvox.llm.LlmReply;
import dev.storyvox.llm.LlmRequest;
import dev.storyvox.llm.LlmSlot;
import dev.storyvox.llm.LlmVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens per second of the local LLM on stories260K, prompt reading and generation apart, called directly
 * (java-llama.cpp 4.2.0's {@link LlamaEngine}, and the current llama.cpp's {@link LlamaCppEngine} when it is
 * installed) and through {@code llm.generate} ({@link LlmVerticle} on its pinned worker, on the engine it
 * picks: the current one when installed, so the last direct row is the one llm.generate's overhead is over). Run
 * with {@code bin/bench}; it is skipped in the normal suite. Each figure is the median of {@value #ROUNDS}.
 */
@EnabledIfSystemProperty(named = "storyvox.bench", matches = "true")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LlmBenchmark {

  static final Logger LOG = LoggerFactory.getLogger(LlmBenchmark.class);
  static final int ROUNDS = 5;
  static final int CONTEXT = 8192;
  static final int THREADS = Integer.getInteger("storyvox.bench.threads", 1);
  static final int GENERATED = 256;
  static final Path MODEL = TestData.model("stories260Ktok512.gguf");
  static final String LONG_PROMPT = "프로세스는 실행 중인 프로그램이며 독립된 메모리 영역을 가집니다. ".repeat(12);
  static final String SHORT_PROMPT = "Once upon a time, there was a little girl named Lily.";

  @Test
  void tokensPerSecond() throws Exception {
    assertTrue(generationSpeeds()[1] > 0);
  }

  /** Generation tokens per second {LlamaEngine, llm.generate} (median of the rounds); the table goes to the log. */
  static double[] generationSpeeds() throws Exception {
    List<String> rows = new ArrayList<>();
    try (LlamaEngine engine = LlamaEngine.load(MODEL, CONTEXT, THREADS, -1, 0)) {
      rows.addAll(measure("LlamaEngine", request -> engine.generate(request, piece -> { }, () -> false)));
    }
    Path current = Path.of(new EnginesConfig(null).dir(), "llama-cpu");
    boolean installed = Files.isDirectory(current) && Files.list(current)
        .anyMatch(f -> f.getFileName().toString().matches("libllama(\\.v[0-9.]+)?\\.so"));
    if (installed) {
      try (LlamaCppEngine engine = LlamaCppEngine.load(current, MODEL, CONTEXT, THREADS, -1, 0, false)) {
        rows.addAll(measure("LlamaCppEngine", request -> engine.generate(request, piece -> { }, () -> false)));
      }
    }
    Vertx vertx = Vertx.vertx();
    try {
      deploy(vertx);
      rows.addAll(measure("llm.generate", request -> TestWaits.await(vertx.eventBus()
          .<LlmReply>request(Addresses.LLM_GENERATE, request, new DeliveryOptions().setSendTimeout(60_000))
          .map(Message::body))));
    } finally {
      TestWaits.close(vertx);
    }
    LOG.info("LLM speed, stories260K, {} thread(s), median of {}:\n{}\n{}", THREADS, ROUNDS,
        String.format("%-15s %-10s %8s %10s %12s", "path", "phase", "tokens", "ms", "tokens/s"), String.join("\n", rows));
    return new double[] {speed(rows.get(rows.size() - 3)), speed(rows.get(rows.size() - 1))};
  }

  private static double speed(String row) {
    String[] cells = row.trim().split("\\s+");
    return Double.parseDouble(cells[cells.length - 1]);
  }

  private static List<String> measure(String path, Function<LlmRequest, LlmReply> generate) {
    generate.apply(LlmRequest.raw("warm", SHORT_PROMPT, 8, 1));
    List<Long> promptMs = new ArrayList<>();
    List<Long> generationMs = new ArrayList<>();
    int promptTokens = 0;
    for (int i = 0; i < ROUNDS; i++) {
      LlmReply read = generate.apply(LlmRequest.raw("prompt-" + i, LONG_PROMPT, 1, i));
      promptTokens = read.promptTokens();
      promptMs.add(read.millis());
      LlmReply written = generate.apply(LlmRequest.raw("gen-" + i, SHORT_PROMPT, GENERATED, i).withStream(false));
      generationMs.add(written.millis());
    }
    return List.of(row(path, "prompt", promptTokens, median(promptMs)),
        row(path, "generation", GENERATED, median(generationMs)));
  }

  private static String row(String path, String phase, int tokens, long millis) {
    return String.format("%-15s %-10s %8d %10d %12.0f", path, phase, tokens, millis, tokens * 1000.0 / Math.max(1, millis));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void deploy(Vertx vertx) throws Exception {
    RecordCodec.register(vertx);
    JsonObject overrides = new JsonObject().put("llm", new JsonObject().put("model", MODEL.toString())
        .put("threads", THREADS).put("contextSize", CONTEXT));
    StoryvoxConfig config = StoryvoxConfig.from(TestServer.config(vertx, overrides).await(10, TimeUnit.SECONDS));
    vertx.deployVerticle(new LlmVerticle(config.llm(), config.gpu(), config.retry().llm(), new LlmSlot(0, 0)))
        .await(10, TimeUnit.SECONDS);
    ready(vertx).await(60, TimeUnit.SECONDS);
  }

  private static Future<Void> ready(Vertx vertx) {
    return vertx.eventBus().<Readiness>request(Addresses.READY + "llm", new ReadinessQuery("llm"))
        .compose(m -> Readiness.LOADING.equals(m.body().state())
            ? vertx.timer(50).compose(v -> ready(vertx)) : Future.succeededFuture());
  }
}
