package dev.storyvox.runpod;

import dev.storyvox.Version;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.RetryPolicyConfig;
import dev.storyvox.config.RunPodConfig;
import dev.storyvox.retry.Retry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RunPod serverless worker speaking runpod-python's protocol ({@code --role runpod-worker}), as its
 * {@code rp_scale}/{@code rp_job}/{@code rp_http}/{@code rp_ping} modules do. One loop takes as many jobs as
 * {@code concurrency} leaves room for ({@code GET RUNPOD_WEBHOOK_GET_JOB…&job_in_progress=0|1}, the batch
 * endpoint {@code /job-take-batch/…&batch_size=n} for more than one; RunPod holds the take open, so an empty
 * answer (204, or 400 under FlashBoot) is followed by the next take at once, a 429 after 5 s and a failed take
 * after {@code idleBackoffMs}). Each job's {@code input}, any JSON value, is run by {@link WorkerJobs} on the
 * local engine and its result posted to {@code RUNPOD_WEBHOOK_POST_OUTPUT…&isStream=false} as runpod-python posts
 * it: the JSON text as {@code application/x-www-form-urlencoded} with {@code X-Request-ID: <job id>}, 3 attempts.
 * A second loop long-polls the per-job stop channel ({@code /job-stop/}, {@code {"jobsToStop": [ids]}}): a job
 * stopped on RunPod (cancelled, timed out) is dropped at once, its slot freed and nothing posted for it (the
 * local engine, which cannot be interrupted, finishes its decode in the background). A heartbeat goes to
 * {@code RUNPOD_WEBHOOK_PING} every {@code pingMs} with {@code job_id} (the jobs in hand, comma-separated, only
 * when there are some) and {@code runpod_version}, retried 3 times on 429/5xx. On stop it takes no new job and
 * waits for the jobs in hand, up to {@code graceMs}.
 */
public final class RunPodWorker extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RunPodWorker.class);
  private static final long TAKE_TIMEOUT_MS = 90_000;
  private static final long POST_TIMEOUT_MS = 30_000;
  private static final long THROTTLED_WAIT_MS = 5_000;
  private static final long STOP_POLL_WAIT_MS = 1_000;
  private static final int POST_ATTEMPTS = 3;

  private final RunPodWorkerEnv env;
  private final long jobTimeoutMs;
  private final long graceMs;
  private final RetryPolicyConfig postRetry;
  private final Map<String, Promise<Void>> inHand = new ConcurrentHashMap<>();
  private Retry posts;
  private Retry pings;
  private WebClient client;
  private WorkerJobs jobs;
  private long pingTimer = -1;
  private boolean taking;
  private volatile boolean stopping;

  /**
   * @param env what RunPod set in the environment
   * @param jobTimeoutMs the longest one job may take ({@code download.timeoutMs + stt.timeoutMs})
   * @param graceMs how long stop waits for the jobs in hand ({@code shutdown.graceMs})
   * @param postRetry the delays between the 3 attempts of a job-done post ({@link RunPodConfig#retryPolicy()})
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
    Predicate<ServiceException> transientFailure = f -> f.reason() == Reason.REMOTE_ERROR
        || f.reason() == Reason.UNREACHABLE;
    posts = new Retry(vertx, "runpod job-done post", new RetryPolicyConfig(POST_ATTEMPTS - 1,
        postRetry.backoffMs(), postRetry.maxBackoffMs(), postRetry.deadlineMs()), transientFailure);
    pings = new Retry(vertx, "runpod heartbeat", new RetryPolicyConfig(3, 1000, 4000, env.pingMs() * 2),
        f -> f.reason() == Reason.THROTTLED || f.reason() == Reason.REMOTE_ERROR);
    if (env.pingUrl() != null) {
      ping();
      pingTimer = vertx.setPeriodic(env.pingMs(), id -> ping());
    }
    take();
    if (env.stopUrl() == null) {
      LOG.warn("RunPod job-take URL has no /job-take/ to derive the stop channel from: per-job stop is off");
    } else {
      watchStops();
    }
    LOG.info("RunPod worker {} taking jobs ({} at once, heartbeat every {} ms)", env.podId(), env.concurrency(),
        env.pingMs());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(pingTimer);
    List<Future<Void>> pending = new ArrayList<>();
    inHand.values().forEach(p -> pending.add(p.future()));
    LOG.info("RunPod worker {} stopping: finishing {} job(s) in hand", env.podId(), pending.size());
    return Future.join(pending).timeout(graceMs, TimeUnit.MILLISECONDS)
        .onFailure(e -> LOG.warn("RunPod worker stopped with job(s) unfinished: {}", inHand.keySet()))
        .eventually(() -> {
          client.close();
          return Future.succeededFuture();
        });
  }

  private void take() {
    int wanted = env.concurrency() - inHand.size();
    if (stopping || taking || wanted <= 0) {
      return;
    }
    taking = true;
    authorized(client.getAbs(env.takeUrl(wanted, !inHand.isEmpty()))).timeout(TAKE_TIMEOUT_MS).send()
        .onComplete(ar -> {
          taking = false;
          if (ar.failed()) {
            LOG.warn("RunPod job-take failed: {}", ar.cause().getMessage());
            later(env.idleBackoffMs());
          } else {
            taken(ar.result());
          }
        });
  }

  private void taken(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status == 429) {
      later(THROTTLED_WAIT_MS);
    } else if (status == 200) {
      WorkerTake.jobs(response).forEach(this::run);
      take();
    } else if (status == 204 || status == 400) {
      take();
    } else {
      LOG.warn("RunPod job-take answered {}", status);
      later(env.idleBackoffMs());
    }
  }

  private void run(JsonObject job) {
    String id = job.getString("id");
    LOG.info("RunPod job {} taken by worker {}", id, env.podId());
    long started = System.currentTimeMillis();
    Promise<Void> done = Promise.promise();
    inHand.put(id, done);
    jobs.run(job.getValue("input"))
        .compose(result -> inHand.get(id) != done ? Future.<Void>succeededFuture() : post(id, result)
            .onSuccess(v -> LOG.info("RunPod job {} {} in {} ms", id, result.containsKey("error")
                ? "failed (" + result.getString("error") + ")" : "done", System.currentTimeMillis() - started)))
        .onComplete(ar -> finish(id, done));
  }

  private void finish(String id, Promise<Void> done) {
    inHand.remove(id, done);
    done.tryComplete();
    take();
  }

  private void watchStops() {
    if (stopping) {
      return;
    }
    authorized(client.getAbs(env.stopUrl())).timeout(TAKE_TIMEOUT_MS).send().onComplete(ar -> {
      if (ar.failed()) {
        LOG.debug("RunPod stop channel failed: {}", ar.cause().getMessage());
        stopsLater(STOP_POLL_WAIT_MS);
        return;
      }
      int status = ar.result().statusCode();
      List<String> ids = status == 200 ? WorkerTake.stopIds(ar.result()) : List.of();
      ids.forEach(this::stopJob);
      stopsLater(status == 429 ? THROTTLED_WAIT_MS : ids.isEmpty() ? STOP_POLL_WAIT_MS : 0);
    });
  }

  private void stopJob(String id) {
    Promise<Void> job = inHand.get(id);
    if (job == null) {
      LOG.debug("RunPod asked to stop job {}, which is not in hand", id);
      return;
    }
    LOG.info("RunPod job {} stopped by RunPod: dropped, nothing will be posted for it", id);
    finish(id, job);
  }

  private Future<Void> post(String id, JsonObject result) {
    return posts.run(() -> authorized(client.postAbs(env.postOutputUrl(id)))
            .timeout(POST_TIMEOUT_MS).putHeader("Content-Type", "application/x-www-form-urlencoded")
            .putHeader("charset", "utf-8").putHeader("X-Request-ID", id)
            .sendBuffer(Buffer.buffer(Json.encode(result)))
            .recover(e -> Future.failedFuture(new ServiceException(ErrorCode.STT_FAILURE, Reason.UNREACHABLE,
                "posting the result failed: " + e.getMessage())))
            .compose(r -> r.statusCode() < 300 ? Future.<Void>succeededFuture()
                : Future.failedFuture(new ServiceException(ErrorCode.STT_FAILURE, Reason.ofStatus(r.statusCode()),
                    "job-done answered " + r.statusCode()))))
        .onFailure(e -> LOG.error("RunPod job {}: result not delivered: {}", id, e.getMessage()));
  }

  private void ping() {
    pings.run(() -> {
      HttpRequest<Buffer> request = authorized(client.getAbs(env.pingUrl())).timeout(env.pingMs() * 2);
      if (!inHand.isEmpty()) {
        request.addQueryParam("job_id", String.join(",", inHand.keySet()));
      }
      return request.addQueryParam("runpod_version", "storyvox-" + Version.get()).send()
          .recover(e -> Future.failedFuture(new ServiceException(ErrorCode.STT_FAILURE, Reason.UNREACHABLE,
              e.getMessage())))
          .compose(r -> r.statusCode() < 300 ? Future.succeededFuture(r)
              : Future.failedFuture(new ServiceException(ErrorCode.STT_FAILURE, Reason.ofStatus(r.statusCode()),
                  "heartbeat answered " + r.statusCode())));
    }).onFailure(e -> LOG.warn("RunPod heartbeat failed: {}", e.getMessage()));
  }

  private void later(long delayMs) {
    if (!stopping) {
      vertx.setTimer(delayMs, t -> take());
    }
  }

  private void stopsLater(long delayMs) {
    if (delayMs == 0) {
      watchStops();
    } else if (!stopping) {
      vertx.setTimer(delayMs, t -> watchStops());
    }
  }

  private HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
    return env.apiKey() == null ? request : request.putHeader("Authorization", env.apiKey());
  }
}
