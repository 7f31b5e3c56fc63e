package dev.storyvox.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.stt.Transcript;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Job submissions against {@link FakeRunPod}: retried only when no job can have been made (429, connection refused),
 * never after RunPod may have queued one, and never sent over the endpoint's body limit.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class RunPodSubmissionTest {

  private static final RunPodJob JOB = new RunPodJob("req-1", "https://bucket.example/a.webm", null, "ko");

  private final FakeRunPod fake = new FakeRunPod();

  @Test
  void rateLimitingIsRetried(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    fake.faults = 1;
    fake.faultStatus = 429;
    transcribe(vertx, new JsonObject(), JOB).onComplete(ctx.succeeding(t -> ctx.verify(() -> {
      assertEquals("hello there", t.text());
      assertEquals(1, fake.inputs.size(), "the 429 queued nothing; the retry queued the job once");
      ctx.completeNow();
    })));
  }

  @Test
  void aServerErrorOnSubmissionIsNotRetried(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    fake.faults = 1;
    fake.faultStatus = 503;
    expectFailure(vertx, new JsonObject(), ctx, "so it was not sent again", () -> {
      assertEquals(1, fake.apiCalls.get(), "one /run, no retry");
      assertEquals(0, fake.polls.get());
    });
  }

  @Test
  void aJobQueuedBeforeA5xxIsNeverSubmittedTwice(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    fake.acceptThenFail = 1;
    fake.faultStatus = 502;
    expectFailure(vertx, new JsonObject(), ctx, "RunPod run answered 502", () ->
        assertEquals(1, fake.inputs.size(), "the job RunPod queued is the only one"));
  }

  @Test
  void aRefusedConnectionIsRetriedUntilRunPodAnswersAndMakesOneJob(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    fake.script = FakeRunPod.Script.COMPLETE;
    TestServer.config(vertx, new JsonObject().put("stt", new JsonObject().put("backend", "runpod"))
            .put("runpod", FakeRunPod.config(FakeRunPod.KEY, port).put("retries", 8).put("retryBackoffMs", 100)))
        .compose(json -> {
          RecordCodec.register(vertx);
          return vertx.deployVerticle(new RunPodVerticle(StoryvoxConfig.from(json)));
        })
        .compose(id -> {
          vertx.setTimer(300, t -> fake.start(vertx, port));
          return vertx.eventBus().<Transcript>request(Addresses.RUNPOD_TRANSCRIBE, JOB,
              new DeliveryOptions().setSendTimeout(15_000));
        })
        .onComplete(ctx.succeeding(m -> ctx.verify(() -> {
          assertEquals("hello there", m.body().text());
          assertEquals(1, fake.inputs.size(), "refused tries sent nothing; the one that got through made one job");
          ctx.completeNow();
        })));
  }

  @Test
  void aBodyOverTheRunLimitIs413BeforeAnyJob(Vertx vertx, VertxTestContext ctx) {
    RunPodJob big = new RunPodJob("req-2", null, "A".repeat(2_000), "ko");
    transcribe(vertx, new JsonObject().put("maxRunBytes", 1_000), big).onComplete(ctx.failing(e -> ctx.verify(() -> {
      ServiceException se = Failures.toService(e);
      assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, se.code(), se.getMessage());
      assertTrue(se.getMessage().contains("/run limit of 1000 bytes (runpod.maxRunBytes)"), se.getMessage());
      assertEquals(1_000, se.detail().getLong("maxBytes"));
      assertEquals(0, fake.apiCalls.get(), "nothing was sent");
      ctx.completeNow();
    })));
  }

  @Test
  void runsyncHasItsOwnLimit(Vertx vertx, VertxTestContext ctx) {
    RunPodJob big = new RunPodJob("req-2", null, "A".repeat(2_000), "ko");
    transcribe(vertx, new JsonObject().put("mode", "sync").put("maxRunBytes", 100_000).put("maxRunSyncBytes", 1_500),
        big).onComplete(ctx.failing(e -> ctx.verify(() -> {
          ServiceException se = Failures.toService(e);
          assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, se.code(), se.getMessage());
          assertTrue(se.getMessage().contains("/runsync limit of 1500 bytes"), se.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void runPodsOwn413IsPayloadTooLargeAndMakesNoJob(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    RunPodJob big = new RunPodJob("req-3", null, "A".repeat(10_500_000), "ko");
    transcribe(vertx, new JsonObject().put("maxRunBytes", 50_000_000), big).onComplete(ctx.failing(e -> ctx.verify(() -> {
      ServiceException se = Failures.toService(e);
      assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, se.code(), se.getMessage());
      assertTrue(se.getMessage().contains("(413)"), se.getMessage());
      assertEquals(0, fake.inputs.size());
      assertEquals(1, fake.apiCalls.get(), "a 413 is not retried");
      ctx.completeNow();
    })));
  }

  private void expectFailure(Vertx vertx, JsonObject runpod, VertxTestContext ctx, String text, Runnable more) {
    transcribe(vertx, runpod, JOB).onComplete(ctx.failing(e -> ctx.verify(() -> {
      ServiceException se = Failures.toService(e);
      assertEquals(ErrorCode.STT_FAILURE, se.code(), se.getMessage());
      assertTrue(se.getMessage().contains(text), se.getMessage());
      more.run();
      ctx.completeNow();
    })));
  }

  private Future<Transcript> transcribe(Vertx vertx, JsonObject runpod, RunPodJob job) {
    return fake.start(vertx)
        .compose(f -> TestServer.config(vertx, new JsonObject()
            .put("stt", new JsonObject().put("backend", "runpod"))
            .put("runpod", fake.config(FakeRunPod.KEY).mergeIn(runpod))))
        .compose(json -> {
          RecordCodec.register(vertx);
          return vertx.deployVerticle(new RunPodVerticle(StoryvoxConfig.from(json)));
        })
        .compose(v -> vertx.eventBus().<Transcript>request(Addresses.RUNPOD_TRANSCRIBE, job,
            new DeliveryOptions().setSendTimeout(15_000))).map(Message::body);
  }
}
