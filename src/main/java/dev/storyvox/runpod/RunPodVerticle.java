package dev.storyvox.runpod;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.RequestId;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.RunPodConfig;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.stt.SttRequest;
import dev.storyvox.stt.Transcript;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends transcriptions to a RunPod serverless endpoint. On {@code Addresses.RUNPOD_TRANSCRIBE} it takes a
 * {@link RunPodJob} (or an {@code SttRequest}, as {@code SttVerticle} forwards it), submits it ({@code /run},
 * or {@code /runsync} with {@code runpod.mode: sync}), polls {@code /status} every {@code runpod.pollMs}
 * until the job is COMPLETED, FAILED, CANCELLED or TIMED_OUT, and replies the {@link Transcript}. A job
 * still unfinished after {@code runpod.timeoutMs} is cancelled and fails; a request body over the endpoint's
 * limit ({@code runpod.maxRunBytes}/{@code maxRunSyncBytes}) fails with PAYLOAD_TOO_LARGE before any job is
 * created. Failures are mapped by {@link RunPodFailures}. It also starts warmup jobs
 * ({@code RUNPOD_WARMUP}: request id → RunPod job id; the input the schema's worker accepts), reports the endpoint's {@link RunPodHealth}
 * ({@code RUNPOD_HEALTH}) and answers the {@code runpod} readiness: READY once {@code /health} answered.
 */
public final class RunPodVerticle extends VerticleBase {

  /** The capability name {@code /ready} reports. */
  public static final String CAPABILITY = "runpod";
  private static final long HEALTH_TIMEOUT_MS = 1500;
  private static final Logger LOG = LoggerFactory.getLogger(RunPodVerticle.class);

  private final StoryvoxConfig config;
  private final RunPodConfig runpod;
  private final RunPodSchema schema;
  private RunPodClient client;
  private Readiness state = Readiness.loading("RunPod endpoint health not checked yet");

  public RunPodVerticle(StoryvoxConfig config) {
    this.config = config;
    this.runpod = config.runpod();
    this.schema = RunPodSchema.of(runpod.schema());
  }

  @Override
  public Future<?> start() {
    client = new RunPodClient(vertx, runpod);
    LOG.info("RunPod endpoint {} ({} schema, {} mode)", runpod.endpointId(), runpod.schema(), runpod.mode());
    checkHealth();
    return Future.all(
        vertx.eventBus().consumer(Addresses.RUNPOD_TRANSCRIBE, this::transcribe).completion(),
        vertx.eventBus().<String>consumer(Addresses.RUNPOD_WARMUP, this::warmup).completion(),
        vertx.eventBus().consumer(Addresses.RUNPOD_HEALTH, this::health).completion(),
        vertx.eventBus().<ReadinessQuery>consumer(Addresses.READY + CAPABILITY,
            m -> checkHealth().onComplete(ar -> m.reply(state))).completion());
  }

  @Override
  public Future<?> stop() {
    client.close();
    return Future.succeededFuture();
  }

  private void transcribe(Message<Object> message) {
    RunPodJob job = message.body() instanceof SttRequest request
        ? RunPodJob.of(request, config.stt().language(), message.headers().get(RequestId.HEADER))
        : (RunPodJob) message.body();
    transcribe(job).onSuccess(message::reply).onFailure(e -> Failures.fail(message, e));
  }

  /** Runs {@code job} on the endpoint to its end. */
  Future<Transcript> transcribe(RunPodJob job) {
    long started = System.currentTimeMillis();
    long deadline = started + runpod.timeoutMs();
    JsonObject body = new JsonObject().put("input", schema.input(job, runpod));
    int bytes = body.toBuffer().length();
    if (bytes > runpod.maxBodyBytes()) {
      return Future.failedFuture(tooLarge(bytes));
    }
    Future<JobStatus> submitted = runpod.sync() ? client.runSync(body, runpod.syncWaitMs()) : client.run(body);
    return submitted.compose(first -> {
      LOG.info("request {} is RunPod job {} ({})", job.requestId(), first.id(), first.status());
      return follow(job, first.id(), first, deadline)
          .andThen(ar -> LOG.info("RunPod job {} of request {} {} after {} ms", first.id(), job.requestId(),
              ar.succeeded() ? "completed" : "failed", System.currentTimeMillis() - started));
    });
  }

  private Future<Transcript> follow(RunPodJob job, String id, JobStatus status, long deadline) {
    if (status.isFinal()) {
      return finished(job, id, status);
    }
    long left = deadline - System.currentTimeMillis();
    if (left <= 0) {
      return timedOut(job, id);
    }
    return vertx.timer(Math.min(runpod.pollMs(), left))
        .compose(v -> client.status(id))
        .compose(next -> follow(job, id, next, deadline));
  }

  private Future<Transcript> finished(RunPodJob job, String id, JobStatus status) {
    if (JobStatus.COMPLETED.equals(status.status())) {
      try {
        return Future.succeededFuture(schema.transcript(status.output(), job, id));
      } catch (ServiceException e) {
        return Future.failedFuture(e);
      }
    }
    return Future.failedFuture(RunPodFailures.of("RunPod job " + id + " of request " + job.requestId(), id, status));
  }

  /** The 413 of a job whose request body RunPod would refuse; nothing was sent. */
  private ServiceException tooLarge(int bytes) {
    String limit = runpod.sync() ? "/runsync limit of " + runpod.maxRunSyncBytes() + " bytes (runpod.maxRunSyncBytes)"
        : "/run limit of " + runpod.maxRunBytes() + " bytes (runpod.maxRunBytes)";
    return new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE, "the audio, re-encoded and inlined as base64, makes a "
        + bytes + "-byte RunPod request, over RunPod's " + limit + "; send a shorter recording or an audioUrl",
        new JsonObject().put("maxBytes", runpod.maxBodyBytes()).put("bodyBytes", bytes));
  }

  private Future<Transcript> timedOut(RunPodJob job, String id) {
    LOG.warn("RunPod job {} of request {} is unfinished after {} ms; cancelling it", id, job.requestId(),
        runpod.timeoutMs());
    return client.cancel(id)
        .onFailure(e -> LOG.warn("could not cancel RunPod job {}: {}", id, e.getMessage()))
        .transform(ar -> Future.failedFuture(failure("RunPod job " + id + " of request " + job.requestId()
            + " timed out: unfinished after runpod.timeoutMs " + runpod.timeoutMs() + " ms, so it was cancelled")));
  }

  private void warmup(Message<String> message) {
    client.run(new JsonObject().put("input", schema.warmup(runpod)))
        .onSuccess(job -> {
          LOG.info("request {} warms RunPod up with job {} ({})", message.body(), job.id(), job.status());
          message.reply(job.id());
        })
        .onFailure(e -> Failures.fail(message, new ServiceException(ErrorCode.WARMUP_FAILED,
            "RunPod did not accept the warmup job: " + e.getMessage())));
  }

  private void health(Message<Object> message) {
    client.health(HEALTH_TIMEOUT_MS)
        .onSuccess(message::reply)
        .onFailure(e -> Failures.fail(message, new ServiceException(ErrorCode.UNAVAILABLE, e.getMessage())));
  }

  private Future<Readiness> checkHealth() {
    if (Readiness.READY.equals(state.state())) {
      return Future.succeededFuture(state);
    }
    return client.health(HEALTH_TIMEOUT_MS)
        .map(h -> Readiness.ready("RunPod endpoint " + runpod.endpointId() + ": " + h.idleWorkers() + " idle, "
            + h.runningWorkers() + " running workers"))
        .otherwise(e -> Readiness.unavailable("RunPod endpoint " + runpod.endpointId() + ": " + e.getMessage()))
        .onSuccess(now -> state = now);
  }

  private static ServiceException failure(String message) {
    return new ServiceException(ErrorCode.STT_FAILURE, message);
  }
}
