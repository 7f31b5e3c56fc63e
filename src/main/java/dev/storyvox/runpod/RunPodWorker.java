package dev.storyvox.runpod;

import dev.storyvox.Version;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.RetryPolicyConfig;
import dev.storyvox.config.RunPodConfig;
import dev.storyvox.retry.Retry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RunPod serverless worker speaking runpod-python's protocol ({@code --role runpod-worker}): each of
 * {@code concurrency} loops takes a job ({@code GET RUNPOD_WEBHOOK_GET_JOB?job_in_progress=0|1}; 204 means
 * none, 429 slow down), runs it with {@link WorkerJobs} on the local engine and posts the result to
 * {@code RUNPOD_WEBHOOK_POST_OUTPUT} (retried under the {@code runpod.retries} policy); a heartbeat goes to
 * {@code RUNPOD_WEBHOOK_PING} every {@code pingMs} with the ids of the jobs in hand. On stop it takes no new
 * job and waits for the jobs in hand, up to {@code graceMs}.
 */
public final class RunPodWorker extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RunPodWorker.class);
  private static final long TAKE_TIMEOUT_MS = 90_000;
  private static final long POST_TIMEOUT_MS = 30_000;
  private static final int SLOW_DOWN = 5;

  private final RunPodWorkerEnv env;
  private final long jobTimeoutMs;
  private final long graceMs;
  private final RetryPolicyConfig postRetry;
  private Retry posts;
  private final Map<String, Future<Void>> inHand = new ConcurrentHashMap<>();
  private WebClient client;
  private WorkerJobs jobs;
  private long pingTimer = -1;
  private volatile boolean stopping;

  /**
   * @param env what RunPod set in the environment
   * @param jobTimeoutMs the longest one job may take ({@code download.timeoutMs + stt.timeoutMs})
   * @param graceMs how long stop waits for the jobs in hand ({@code shutdown.graceMs})
   * @param postRetry how a failed job-done post is tried again ({@link RunPodConfig#retryPolicy()})
   */
  public RunPodWorker(RunPodWorkerEnv env, long jobTimeoutMs, long graceMs, RetryPolicyConfig postRetry) {
    this.env = env;
    this.jobTimeoutMs = jobTimeoutMs;
    this.graceMs = graceMs;
    this.postRetry = postRetry;
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx);
    jobs = new WorkerJobs(vertx, jobTimeoutMs);
    posts = new Retry(vertx, "runpod job-done post", postRetry, failure -> true);
    if (env.pingUrl() != null) {
      ping();
      pingTimer = vertx.setPeriodic(env.pingMs(), id -> ping());
    }
    for (int i = 0; i < env.concurrency(); i++) {
      vertx.runOnContext(v -> take());
    }
    LOG.info("RunPod worker {} taking jobs ({} at once, heartbeat every {} ms)", env.podId(), env.concurrency(),
        env.pingMs());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(pingTimer);
    List<Future<Void>> pending = new ArrayList<>(inHand.values());
    LOG.info("RunPod worker {} stopping: finishing {} job(s) in hand", env.podId(), pending.size());
    return Future.join(pending).timeout(graceMs, TimeUnit.MILLISECONDS)
        .onFailure(e -> LOG.warn("RunPod worker stopped with job(s) unfinished: {}", inHand.keySet()))
        .eventually(() -> {
          client.close();
          return Future.succeededFuture();
        });
  }

  private void take() {
    if (stopping) {
      return;
    }
    authorized(client.getAbs(env.getJobUrl(!inHand.isEmpty()))).timeout(TAKE_TIMEOUT_MS).send()
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.warn("RunPod job-take failed: {}", ar.cause().getMessage());
            later(env.idleBackoffMs() * SLOW_DOWN);
          } else {
            taken(ar.result());
          }
        });
  }

  private void taken(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    List<JsonObject> taken = status == 200 ? jobsIn(response) : List.of();
    if (taken.isEmpty()) {
      if (status != 200 && status != 204 && status != 400) {
        LOG.warn("RunPod job-take answered {}", status);
      }
      later(status == 200 || status == 204 || status == 400 ? env.idleBackoffMs() : env.idleBackoffMs() * SLOW_DOWN);
      return;
    }
    Future.join(taken.stream().map(this::run).toList()).onComplete(ar -> take());
  }

  private static List<JsonObject> jobsIn(HttpResponse<Buffer> response) {
    try {
      Object body = response.bodyAsJson(Object.class);
      List<JsonObject> found = new ArrayList<>();
      for (Object item : body instanceof JsonArray array ? array.getList() : List.of(body)) {
        JsonObject job = item instanceof JsonObject o ? o : item instanceof Map<?, ?> m ? JsonObject.mapFrom(m) : null;
        if (job != null && job.getString("id") != null && job.getValue("input") instanceof JsonObject) {
          found.add(job);
        } else {
          LOG.warn("RunPod job-take gave something that is not a job: {}", item);
        }
      }
      return found;
    } catch (DecodeException | IllegalArgumentException e) {
      return List.of();
    }
  }

  private Future<Void> run(JsonObject job) {
    String id = job.getString("id");
    LOG.info("RunPod job {} taken by worker {}", id, env.podId());
    long started = System.currentTimeMillis();
    Future<Void> done = jobs.run(job.getJsonObject("input"))
        .compose(result -> post(id, result)
            .onSuccess(v -> LOG.info("RunPod job {} {} in {} ms", id, result.containsKey("error")
                ? "failed (" + result.getString("error") + ")" : "done", System.currentTimeMillis() - started)))
        .andThen(ar -> inHand.remove(id));
    inHand.put(id, done);
    return done;
  }

  private Future<Void> post(String id, JsonObject result) {
    return posts.run(() -> authorized(client.requestAbs(HttpMethod.POST, env.postOutputUrl(id)))
            .timeout(POST_TIMEOUT_MS).putHeader("content-type", "application/json; charset=utf-8")
            .sendBuffer(Buffer.buffer(result.encode()))
            .recover(e -> Future.failedFuture(new ServiceException(ErrorCode.STT_FAILURE, Reason.UNREACHABLE,
                "posting the result failed: " + e.getMessage())))
            .compose(r -> r.statusCode() < 300 ? Future.<Void>succeededFuture()
                : Future.failedFuture(new ServiceException(ErrorCode.STT_FAILURE, Reason.ofStatus(r.statusCode()),
                    "job-done answered " + r.statusCode()))))
        .onFailure(e -> LOG.error("RunPod job {}: result not delivered: {}", id, e.getMessage()));
  }

  private void ping() {
    authorized(client.getAbs(env.pingUrl())).timeout(POST_TIMEOUT_MS)
        .addQueryParam("job_id", String.join(",", inHand.keySet())).addQueryParam("retry_ping", "0")
        .addQueryParam("runpod_version", "storyvox-" + Version.get()).send()
        .onComplete(ar -> {
          if (ar.failed() || ar.result().statusCode() >= 300) {
            LOG.warn("RunPod heartbeat failed: {}", ar.failed() ? ar.cause().getMessage() : ar.result().statusCode());
          }
        });
  }

  private void later(long delayMs) {
    if (!stopping) {
      vertx.setTimer(delayMs, t -> take());
    }
  }

  private HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
    return env.apiKey() == null ? request : request.putHeader("Authorization", env.apiKey());
  }
}
