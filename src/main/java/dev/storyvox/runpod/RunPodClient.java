package dev.storyvox.runpod;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
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
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.function.Supplier;

/**
 * RunPod's serverless API for one endpoint ({@code {baseUrl}/{endpointId}/…}) with the key as
 * {@code Authorization: Bearer}, without blocking, under the {@code runpod.retries}/{@code runpod.retryBackoffMs}
 * policy ({@link Retry}). Status polls and cancels are retried on 429, 5xx and unreachable answers (reasons
 * THROTTLED, REMOTE_ERROR, UNREACHABLE, NOT_SENT). A job submission ({@code /run}, {@code /runsync}) is retried
 * only when it certainly created no job, as runpod-python's endpoint client does: a 429 or a connection refused
 * before anything was sent (NOT_SENT); after any other failure RunPod may have queued the job, so it fails at
 * once rather than create a second, billed one. 401 means the key was rejected, 413 a body over RunPod's limit
 * (PAYLOAD_TOO_LARGE); a 404 on {@code /status} means the job is unknown or expired. Every other failure is a
 * {@link ServiceException} with STT_FAILURE.
 */
public final class RunPodClient {

  private static final long REQUEST_TIMEOUT_MS = 30_000;

  private final RunPodConfig config;
  private final WebClient client;
  private final String endpoint;
  private final Retry retry;
  private final Retry submits;

  /** A client of {@code config}'s endpoint; {@code config.configured()} must hold. */
  public RunPodClient(Vertx vertx, RunPodConfig config) {
    this.config = config;
    this.client = WebClient.create(vertx);
    this.endpoint = config.baseUrl().replaceAll("/+$", "") + "/" + config.endpointId();
    this.retry = new Retry(vertx, "runpod", config.retryPolicy(), failure -> failure.reason() == Reason.THROTTLED
        || failure.reason() == Reason.REMOTE_ERROR || failure.reason() == Reason.UNREACHABLE
        || failure.reason() == Reason.NOT_SENT);
    this.submits = new Retry(vertx, "runpod submission", config.retryPolicy(),
        failure -> failure.reason() == Reason.THROTTLED || failure.reason() == Reason.NOT_SENT);
  }

  /** {@code POST /run} with {@code body} ({@code {"input": …}}): queues a job; answers its id and first status. */
  public Future<JobStatus> run(JsonObject body) {
    return submit("run", () -> authorized(client.postAbs(endpoint + "/run")).timeout(requestTimeoutMs())
        .sendJsonObject(body))
        .map(r -> jobStatus("run", r));
  }

  /** {@code POST /runsync?wait=ms}: runs a job and waits up to {@code waitMs} for it to finish. */
  public Future<JobStatus> runSync(JsonObject body, long waitMs) {
    return submit("runsync", () -> authorized(client.postAbs(endpoint + "/runsync?wait=" + waitMs))
        .timeout(waitMs + requestTimeoutMs()).sendJsonObject(body))
        .map(r -> jobStatus("runsync", r));
  }

  /** {@code GET /status/{id}}; a 404 fails saying the job expired. */
  public Future<JobStatus> status(String jobId) {
    return retry.run(() -> once("status of " + jobId, () -> authorized(client.getAbs(endpoint + "/status/" + jobId))
        .timeout(requestTimeoutMs()).send(), true))
        .compose(r -> r.statusCode() == 404
            ? Future.failedFuture(RunPodFailures.runPod("RunPod job " + jobId + " expired: RunPod no longer knows it "
                + "(results are kept only for a limited time after the job ends)", jobId, "EXPIRED", "404 on status"))
            : Future.succeededFuture(jobStatus("status of " + jobId, r)));
  }

  /** {@code POST /cancel/{id}}. */
  public Future<Void> cancel(String jobId) {
    return retry.run(() -> once("cancel of " + jobId, () -> authorized(client.postAbs(endpoint + "/cancel/" + jobId))
        .timeout(requestTimeoutMs()).send(), false)).mapEmpty();
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

  /** A submission: retried only while no job can have been created, then failed saying what may exist. */
  private Future<HttpResponse<Buffer>> submit(String what, Supplier<Future<HttpResponse<Buffer>>> call) {
    return submits.run(() -> once(what, call, false)).recover(e -> {
      ServiceException failure = Failures.toService(e);
      return Future.failedFuture(switch (failure.reason()) {
        case REMOTE_ERROR, UNREACHABLE -> failure(failure.reason(), failure.getMessage() + "; the request had "
            + "reached RunPod, which may have queued the job, so it was not sent again (no duplicate job)");
        default -> failure;
      });
    });
  }

  /**
   * One request; a 404 is an answer, not a failure, when {@code notFoundAnswers} (the status of a job RunPod no
   * longer knows).
   */
  private static Future<HttpResponse<Buffer>> once(String what, Supplier<Future<HttpResponse<Buffer>>> call,
                                                   boolean notFoundAnswers) {
    return call.get()
        .recover(e -> Future.failedFuture(unsent(e)
            ? failure(Reason.NOT_SENT, "RunPod " + what + " was not sent: " + e.getMessage())
            : failure(Reason.UNREACHABLE, "RunPod " + what + " failed: " + e.getMessage())))
        .compose(r -> r.statusCode() < 300 || r.statusCode() == 404 && notFoundAnswers
            ? Future.succeededFuture(r)
            : Future.failedFuture(rejected(what, r)));
  }

  /** Whether the connection was never made, so nothing reached RunPod. */
  private static boolean unsent(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
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
    return switch (response.statusCode()) {
      case 401 -> failure(reason, "RunPod rejected the API key (401 on " + what + ")");
      case 413 -> new ServiceException(ErrorCode.PAYLOAD_TOO_LARGE, Reason.TOO_LARGE,
          "RunPod refused the " + what + " request body as too large (413)" + body(response));
      default -> failure(reason, "RunPod " + what + " answered " + response.statusCode() + body(response));
    };
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
