package dev.storyvox.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.stt.SttRequest;
import dev.storyvox.stt.Transcript;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code runpod.transcribe}, warmup and readiness against {@link FakeRunPod}, one scripted job per test. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class RunPodVerticleTest {

  private static final RunPodJob JOB = new RunPodJob("req-1", "https://bucket.example/a.webm", null, "ko");

  private final FakeRunPod fake = new FakeRunPod();
  private ServiceException lastFailure;

  @Test
  void aQueuedJobIsPolledUntilCompletedAndItsOutputIsTheTranscript(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    transcribe(vertx, new JsonObject(), JOB).onComplete(ctx.succeeding(t -> ctx.verify(() -> {
      assertEquals("hello there", t.text());
      assertEquals("en", t.language());
      assertEquals(1.5, t.durationSeconds());
      assertEquals(0.9, t.confidence(), 1e-9);
      assertEquals(1, t.segments().size());
      assertEquals(new JsonObject().put("language", "ko").put("audio_url", JOB.audioUrl()), fake.inputs.get(0));
      assertEquals("Bearer " + FakeRunPod.KEY, fake.authorizations.get(0));
      assertEquals(2, fake.polls.get(), "IN_QUEUE → IN_PROGRESS → COMPLETED takes two polls");
      ctx.completeNow();
    })));
  }

  @Test
  void uploadedAudioGoesAsBase64(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    start(vertx, new JsonObject())
        .compose(v -> vertx.eventBus().request(Addresses.RUNPOD_TRANSCRIBE, SttRequest.ofAudio(new byte[] {1, 2, 3}, null)))
        .onComplete(ctx.succeeding(m -> ctx.verify(() -> {
          assertEquals("AQID", fake.inputs.get(0).getString("audio_base64"));
          assertEquals("ko", fake.inputs.get(0).getString("language"), "stt.language stands in for a missing one");
          ctx.completeNow();
        })));
  }

  @Test
  void aFailedJobFailsWithItsError(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.FAIL;
    expectFailure(vertx, new JsonObject(), ctx, "failed: " + FakeRunPod.FAILURE, () ->
        assertEquals(new JsonObject().put("runpodJobId", "job-1").put("runpodStatus", "FAILED")
            .put("runpodError", FakeRunPod.FAILURE), lastFailure.detail()));
  }

  @Test
  void aCancelledJobIsFinal(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.CANCEL;
    expectFailure(vertx, new JsonObject(), ctx, "was cancelled on RunPod", () ->
        assertEquals("CANCELLED", lastFailure.detail().getString("runpodStatus")));
  }

  @Test
  void aJobTimedOutOnRunPodIsFinal(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.TIME_OUT;
    expectFailure(vertx, new JsonObject(), ctx, "timed out on RunPod");
  }

  @Test
  void aJobRunPodNoLongerKnowsHasExpired(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.EXPIRE;
    expectFailure(vertx, new JsonObject(), ctx, "expired");
  }

  @Test
  void aRejectedKeyIsReportedAsSuch(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    expectFailure(vertx, new JsonObject().put("apiKey", "wrong"), ctx, "RunPod rejected the API key");
  }

  @Test
  void serverErrorsOnStatusPollsAreRetriedWithinTheBound(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    fake.statusFaults = 2;
    transcribe(vertx, new JsonObject(), JOB).onComplete(ctx.succeeding(t -> ctx.verify(() -> {
      assertEquals("hello there", t.text());
      assertEquals(5, fake.apiCalls.get(), "run, two 500s, then two polls");
      assertEquals(1, fake.inputs.size());
      ctx.completeNow();
    })));
  }

  @Test
  void serverErrorsPastTheBoundFail(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    fake.statusFaults = 10;
    expectFailure(vertx, new JsonObject().put("retries", 2), ctx, "answered 500");
  }

  @Test
  void theWorkersCodesComeBackAsTheLocalBackendAnswersThem(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.FAIL;
    fake.failure = "UNSUPPORTED_FORMAT: the audio is empty";
    transcribe(vertx, new JsonObject(), JOB).onComplete(ctx.failing(e -> ctx.verify(() -> {
      ServiceException se = Failures.toService(e);
      assertEquals(ErrorCode.UNSUPPORTED_FORMAT, se.code());
      assertEquals(400, se.status());
      assertEquals("the audio is empty", se.getMessage());
      assertEquals("FAILED", se.detail().getString("runpodStatus"));
      ctx.completeNow();
    })));
  }

  @Test
  void aJobThatNeverFinishesIsCancelledAtTheTimeout(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.NEVER;
    expectFailure(vertx, new JsonObject().put("timeoutMs", 300), ctx, "timed out", () ->
        assertEquals(1, fake.cancelled.size(), "the unfinished job is cancelled on RunPod"));
  }

  @Test
  void syncModeNeedsNoPollWhenRunsyncFinishes(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    transcribe(vertx, new JsonObject().put("mode", "sync"), JOB).onComplete(ctx.succeeding(t -> ctx.verify(() -> {
      assertEquals("hello there", t.text());
      assertEquals(0, fake.polls.get());
      ctx.completeNow();
    })));
  }

  @Test
  void syncModeFallsBackToPollingAnUnfinishedJob(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    fake.syncHolds = true;
    transcribe(vertx, new JsonObject().put("mode", "sync"), JOB).onComplete(ctx.succeeding(t -> ctx.verify(() -> {
      assertEquals("hello there", t.text());
      assertTrue(fake.polls.get() >= 1);
      ctx.completeNow();
    })));
  }

  @Test
  void theFasterWhisperSchemaSendsItsInputAndReadsItsOutput(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    fake.fasterWhisper = true;
    fake.output = new JsonObject().put("transcription", " 안녕하세요 여러분").put("detected_language", "ko")
        .put("segments", new JsonArray()
            .add(new JsonObject().put("id", 0).put("seek", 0).put("start", 0.0).put("end", 1.0).put("text", " 안녕하세요")
                .put("tokens", new JsonArray().add(1).add(2)).put("avg_logprob", Math.log(0.5)).put("no_speech_prob", 0.02))
            .add(new JsonObject().put("id", 1).put("seek", 100).put("start", 1.0).put("end", 2.5).put("text", " 여러분")
                .put("tokens", new JsonArray().add(3).add(4)).put("avg_logprob", 0.0).put("no_speech_prob", 0.1)));
    transcribe(vertx, new JsonObject().put("schema", "faster-whisper"), JOB).onComplete(ctx.succeeding(t ->
        ctx.verify(() -> {
          JsonObject input = fake.inputs.get(0);
          assertEquals(JOB.audioUrl(), input.getString("audio"));
          assertEquals("plain_text", input.getString("transcription"));
          assertEquals("turbo", input.getString("model"));
          assertEquals("안녕하세요 여러분", t.text());
          assertEquals(2.5, t.durationSeconds());
          assertEquals(0.75, t.confidence(), 1e-9, "token-weighted mean of exp(avg_logprob)");
          assertEquals(0.02, t.segments().get(0).noSpeechProb(), 1e-9, "faster-whisper's no_speech_prob is kept");
          assertEquals(0.1, t.segments().get(1).noSpeechProb(), 1e-9);
          ctx.completeNow();
        })));
  }

  @Test
  void warmupAnswersTheJobIdAndReadinessFollowsHealth(Vertx vertx, VertxTestContext ctx) {
    start(vertx, new JsonObject())
        .compose(v -> vertx.eventBus().<String>request(Addresses.RUNPOD_WARMUP, "req-w"))
        .compose(job -> {
          ctx.verify(() -> {
            assertTrue(job.body().startsWith("job-"));
            assertEquals(new JsonObject().put("warmup", true), fake.inputs.get(0));
          });
          return readiness(vertx);
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(Readiness.READY, r.state());
          ctx.completeNow();
        })));
  }

  @Test
  void aFasterWhisperEndpointIsWarmedWithAJobItsValidatorAccepts(Vertx vertx, VertxTestContext ctx) {
    fake.fasterWhisper = true;
    fake.script = FakeRunPod.Script.COMPLETE;
    assertEquals(java.util.List.of("Unexpected input. warmup is not a valid input option."),
        FasterWhisperInput.errors(new JsonObject().put("warmup", true)), "what the old warm-up got");
    start(vertx, new JsonObject().put("schema", "faster-whisper"))
        .compose(v -> vertx.eventBus().<String>request(Addresses.RUNPOD_WARMUP, "req-w"))
        .onComplete(ctx.succeeding(job -> ctx.verify(() -> {
          JsonObject input = fake.inputs.get(0);
          assertEquals(List.of(), FasterWhisperInput.errors(input));
          assertEquals("turbo", input.getString("model"), "the model the transcriptions will use gets loaded");
          byte[] wav = java.util.Base64.getDecoder().decode(input.getString("audio_base64"));
          assertEquals(dev.storyvox.audio.AudioFormat.WAV, dev.storyvox.audio.AudioSniffer.sniff(wav));
          assertEquals(1.0, new dev.storyvox.audio.AudioDecoder(10).decode(wav).durationSeconds(), 1e-3);
          assertEquals("IN_QUEUE", fake.statusOf(job.body()), "accepted, not FAILED by the validator");
          ctx.completeNow();
        })));
  }

  @Test
  void anUnhealthyEndpointIsUnavailableAndRejectedWarmupFails(Vertx vertx, VertxTestContext ctx) {
    fake.healthy = false;
    start(vertx, new JsonObject().put("apiKey", "wrong"))
        .compose(v -> readiness(vertx))
        .compose(r -> {
          ctx.verify(() -> assertEquals(Readiness.UNAVAILABLE, r.state()));
          return vertx.eventBus().request(Addresses.RUNPOD_WARMUP, "req-w");
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          ServiceException se = Failures.toService(e);
          assertEquals(ErrorCode.WARMUP_FAILED, se.code());
          assertTrue(se.getMessage().contains("rejected the API key"), se.getMessage());
          ctx.completeNow();
        })));
  }

  private Future<Readiness> readiness(Vertx vertx) {
    return vertx.eventBus().<Readiness>request(Addresses.READY + "runpod", new ReadinessQuery("runpod"))
        .map(Message::body);
  }

  private void expectFailure(Vertx vertx, JsonObject runpod, VertxTestContext ctx, String text) {
    expectFailure(vertx, runpod, ctx, text, () -> { });
  }

  private void expectFailure(Vertx vertx, JsonObject runpod, VertxTestContext ctx, String text, Runnable more) {
    transcribe(vertx, runpod, JOB).onComplete(ctx.failing(e -> ctx.verify(() -> {
      ServiceException se = Failures.toService(e);
      lastFailure = se;
      assertEquals(ErrorCode.STT_FAILURE, se.code(), se.getMessage());
      assertTrue(se.getMessage().contains(text), se.getMessage());
      more.run();
      ctx.completeNow();
    })));
  }

  private Future<Transcript> transcribe(Vertx vertx, JsonObject runpod, RunPodJob job) {
    return start(vertx, runpod).compose(v -> vertx.eventBus().<Transcript>request(Addresses.RUNPOD_TRANSCRIBE, job,
        new DeliveryOptions().setSendTimeout(15_000))).map(Message::body);
  }

  private Future<Void> start(Vertx vertx, JsonObject runpod) {
    return fake.start(vertx)
        .compose(f -> TestServer.config(vertx, new JsonObject()
            .put("stt", new JsonObject().put("backend", "runpod"))
            .put("runpod", fake.config(FakeRunPod.KEY).mergeIn(runpod))))
        .compose(json -> {
          RecordCodec.register(vertx);
          return vertx.deployVerticle(new RunPodVerticle(StoryvoxConfig.from(json)));
        })
        .mapEmpty();
  }
}
