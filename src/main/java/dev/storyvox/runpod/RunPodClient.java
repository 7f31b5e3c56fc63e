package dev.storyvox.runpod;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.RunPodConfig;
import dev.storyvox.retry.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.function.Supplier;

/**
 * RunPod's serverless API for one endpoint ({@code {baseUrl}/{endpointId}/…}) with the key as
 * {@code Authorization: Bearer}, without blocking. 429, 5xx and unreachable answers (reasons THROTTLED,
 * REMOTE_ERROR, UNREACHABLE) are retried under the {@code runpod.retries}/{@code runpod.retryBackoffMs}
 * policy ({@link Retry}); 401 means the key was rejected; a 404 on {@code /status} means the job is unknown
 * or expired. Every failure is a {@link ServiceException} with STT_FAILURE.
 */
public final class RunPodClient {

  private static final long REQUEST_TIMEOUT_MS = 30_000;

  private final RunPodConfig config;
  private final WebClient client;
  private final String endpoint;
  private final Retry retry;

  /** A client of {@code config}'s endpoint; {@code config.configured()} must hold. */
  public RunPodClient(Vertx vertx, RunPodConfig config) {
    this.config = config;
    this.client = WebClient.create(vertx);
    this.endpoint = config.baseUrl().replaceAll("/+$", "") + "/" + config.endpointId();
    this.retry = new Retry(vertx, "runpod", config.retryPolicy(), failure -> failure.reason() == Reason.THROTTLED
        || failure.reason() == Reason.REMOTE_ERROR || failure.reason() == Reason.UNREACHABLE);
  }

  /** {@code POST /run}: queues a job; answers its id and first status. */
  public Future<JobStatus> run(JsonObject input) {
    return send("run", () -> authorized(client.postAbs(endpoint + "/run")).timeout(requestTimeoutMs())
        .sendJsonObject(new JsonObject().put("input", input)), false)
        .map(r -> jobStatus("run", r));
  }

  /** {@code POST /runsync?wait=ms}: runs a job and waits up to {@code waitMs} for it to finish. */
  public Future<JobStatus> runSync(JsonObject input, long waitMs) {
    return send("runsync", () -> authorized(client.postAbs(endpoint + "/runsync?wait=" + waitMs))
        .timeout(waitMs + requestTimeoutMs()).sendJsonObject(new JsonObject().put("input", input)), false)
        .map(r -> jobStatus("runsync", r));
  }

  /** {@code GET /status/{id}}; a 404 fails saying the job expired. */
  public Future<JobStatus> status(String jobId) {
    return send("status of " + jobId, () -> authorized(client.getAbs(endpoint + "/status/" + jobId))
        .timeout(requestTimeoutMs()).send(), true)
        .compose(r -> r.statusCode() == 404
            ? Future.failedFuture(failure("RunPod job " + jobId + " expired: RunPod no longer knows it "
                + "(results are kept only for a limited time after the job ends)"))
            : Future.succeededFuture(jobStatus("status of " + jobId, r)));
  }

  /** {@code POST /cancel/{id}}. */
  public Future<Void> cancel(String jobId) {
    return send("cancel of " + jobId, () -> authorized(client.postAbs(endpoint + "/cancel/" + jobId))
        .timeout(requestTimeoutMs()).send(), false).mapEmpty();
  }

  /** {@code GET /health}: the endpoint's workers and jobs. */
  public Future<RunPodHealth> health(long timeoutMs) {
    return authorized(client.getAbs(endpoint + "/health")).timeout(timeoutMs).send()
        .recover(e -> Future.failedFuture(failure(Reason.UNREACHABLE,
            "cannot reach RunPod at " + endpoint + ": " + e.getMessage())))
        .compose(r -> r.statusCode() == 200 ? Future.succeededFuture(RunPodHealth.from(r.bodyAsJsonObject()))
            : Future.failedFuture(rejected("health", r)));
  }

  /** Releases the HTTP client. */
  public void close() {
    client.close();
  }

  /**
   * Sends one request under the retry policy; a 404 is an answer, not a failure, when {@code notFoundAnswers}
   * (the status of a job RunPod no longer knows).
   */
  private Future<HttpResponse<Buffer>> send(String what, Supplier<Future<HttpResponse<Buffer>>> call,
                                            boolean notFoundAnswers) {
    return retry.run(() -> call.get()
        .recover(e -> Future.failedFuture(failure(Reason.UNREACHABLE, "RunPod " + what + " failed: " + e.getMessage())))
        .compose(r -> r.statusCode() < 300 || r.statusCode() == 404 && notFoundAnswers
            ? Future.succeededFuture(r)
            : Future.failedFuture(rejected(what, r))));
  }

  /** One request's limit: never longer than the whole job may take ({@code runpod.timeoutMs}). */
  private long requestTimeoutMs() {
    return Math.min(REQUEST_TIMEOUT_MS, config.timeoutMs());
  }

  private static JobStatus jobStatus(String what, HttpResponse<Buffer> response) {
    JobStatus status;
    try {
      status = JobStatus.from(response.bodyAsJsonObject());
    } catch (RuntimeException e) {
      status = null;
    }
    if (status == null || status.id() == null) {
      throw failure("RunPod " + what + " answered something that is not a job status (JSON with an id)"
          + body(response));
    }
    return status;
  }

  private HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
    return request.bearerTokenAuthentication(config.apiKey());
  }

  private static ServiceException rejected(String what, HttpResponse<Buffer> response) {
    Reason reason = Reason.ofStatus(response.statusCode());
    return response.statusCode() == 401 ? failure(reason, "RunPod rejected the API key (401 on " + what + ")")
        : failure(reason, "RunPod " + what + " answered " + response.statusCode() + body(response));
  }

  private static String body(HttpResponse<Buffer> response) {
    String text = response.bodyAsString();
    return text == null || text.isBlank() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text);
  }

  private static ServiceException failure(String message) {
    return failure(Reason.NONE, message);
  }

  private static ServiceException failure(Reason reason, String message) {
    return new ServiceException(ErrorCode.STT_FAILURE, reason, message);
  }
}
