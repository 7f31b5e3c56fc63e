package dev.storyvox.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code llm.generate} on the real engine (stories260K): streaming, cancellation, the bounded queue, failures. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LlmVerticleTest {

  static final String STORY = "Once upon a time, there was a little girl named Lily.";
  static Vertx vertx;

  @BeforeAll
  static void deploy() throws Exception {
    vertx = Vertx.vertx();
    RecordCodec.register(vertx);
    JsonObject overrides = new JsonObject().put("llm", new JsonObject()
        .put("model", TestData.model("stories260Ktok512.gguf").toString())
        .put("threads", TestEngine.THREADS).put("contextSize", TestEngine.CONTEXT).put("queueSize", 1));
    StoryvoxConfig config = StoryvoxConfig.from(TestServer.config(vertx, overrides).await(10, TimeUnit.SECONDS));
    vertx.deployVerticle(new LlmVerticle(config.llm(), config.gpu(), config.retry().llm(), new LlmSlot(0, 0)))
        .await(10, TimeUnit.SECONDS);
    awaitReady().await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void close() throws Exception {
    TestWaits.close(vertx);
  }

  @Test
  void streamedTokensJoinToTheReply() throws Exception {
    List<String> pieces = new CopyOnWriteArrayList<>();
    vertx.eventBus().<String>consumer(Addresses.LLM_TOKENS + "stream", m -> pieces.add(m.body()))
        .completion().await(5, TimeUnit.SECONDS);
    LlmReply reply = generate(LlmRequest.raw("stream", STORY, 30, 7)).await(30, TimeUnit.SECONDS);
    assertEquals(LlmReply.LENGTH, reply.finishReason());
    assertEquals(30, reply.completionTokens());
    assertEquals(reply.text(), String.join("", pieces));
  }

  @Test
  void aFullQueueIsBusyAndCancelledRequestsStopOrNeverStart() throws Exception {
    Promise<Void> firstToken = Promise.promise();
    vertx.eventBus().<String>consumer(Addresses.LLM_TOKENS + "long", m -> firstToken.tryComplete());
    Future<LlmReply> running = generate(LlmRequest.raw("long", STORY, 4000, 1));
    firstToken.future().await(20, TimeUnit.SECONDS);
    Future<LlmReply> queued = generate(LlmRequest.raw("queued", STORY, 4000, 2));
    ServiceException busy = failure(generate(LlmRequest.raw("third", STORY, 10, 3)));
    assertEquals(ErrorCode.BUSY, busy.code());
    assertEquals(429, busy.status());

    vertx.eventBus().publish(Addresses.LLM_CANCEL, "queued");
    vertx.eventBus().publish(Addresses.LLM_CANCEL, "long");
    LlmReply stopped = running.await(10, TimeUnit.SECONDS);
    assertEquals(LlmReply.CANCELLED, stopped.finishReason());
    assertTrue(stopped.text().length() < 4000, "stopped well before the cap");
    LlmReply dropped = queued.await(10, TimeUnit.SECONDS);
    assertEquals(LlmReply.CANCELLED, dropped.finishReason());
    assertEquals("", dropped.text());
  }

  @Test
  void engineFailuresAreLlmFailureAndTheWorkerStaysUsable() throws Exception {
    LlmRequest tooLong = LlmRequest.raw("too-long", STORY, TestEngine.CONTEXT, 1);
    ServiceException e = failure(generate(tooLong));
    assertEquals(ErrorCode.LLM_FAILURE, e.code());
    assertTrue(e.getMessage().contains("exceeds the context"), e.getMessage());
    assertEquals(LlmReply.LENGTH, generate(LlmRequest.raw("after", STORY, 5, 1)).await(10, TimeUnit.SECONDS)
        .finishReason());
  }

  @Test
  void readinessNamesTheWorkerAndModel() throws Exception {
    Readiness ready = readiness().await(5, TimeUnit.SECONDS);
    assertEquals(Readiness.READY, ready.state());
    assertTrue(ready.reason().contains("stories260Ktok512.gguf") && ready.reason().contains("gpu0-llm-0"),
        ready.reason());
  }

  static Future<LlmReply> generate(LlmRequest request) {
    return vertx.eventBus().<LlmReply>request(Addresses.LLM_GENERATE, request,
        new DeliveryOptions().setSendTimeout(30_000)).map(Message::body);
  }

  static ServiceException failure(Future<?> future) throws Exception {
    Throwable cause = future.transform(ar -> Future.succeededFuture(ar.cause())).await(30, TimeUnit.SECONDS);
    return assertInstanceOf(ServiceException.class, Failures.toService(cause));
  }

  static Future<Readiness> readiness() {
    return vertx.eventBus().<Readiness>request(Addresses.READY + "llm", new ReadinessQuery("llm")).map(Message::body);
  }

  static Future<Readiness> awaitReady() {
    return readiness().compose(r -> Readiness.LOADING.equals(r.state())
        ? vertx.timer(50).compose(v -> awaitReady()) : Future.succeededFuture(r));
  }
}
