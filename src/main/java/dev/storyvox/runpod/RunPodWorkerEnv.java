package dev.storyvox.runpod;

import dev.storyvox.config.RunPodConfig;
import java.util.Map;
import java.util.UUID;

/**
 * What RunPod tells a serverless worker through its environment, read once at startup as runpod-python
 * does: where to take jobs ({@code RUNPOD_WEBHOOK_GET_JOB}), where to post results
 * ({@code RUNPOD_WEBHOOK_POST_OUTPUT}), where to send heartbeats ({@code RUNPOD_WEBHOOK_PING}), this worker's
 * id ({@code RUNPOD_POD_ID}), the key it authenticates with ({@code RUNPOD_AI_API_KEY}) and the heartbeat
 * interval in ms ({@code RUNPOD_PING_INTERVAL}).
 *
 * @param getJobUrl the job-take URL with the worker id filled in
 * @param postOutputUrl the job-done URL template with the worker id filled in; {@code $ID} is the job id
 * @param pingUrl the heartbeat URL with the worker id filled in, or {@code null} to send none
 * @param podId this worker's id
 * @param apiKey sent as {@code Authorization} (without a scheme, as runpod-python sends it), or {@code null}
 * @param pingMs the heartbeat interval
 * @param concurrency jobs run at once ({@code runpod.worker.concurrency})
 * @param idleBackoffMs the wait after a failed job-take ({@code runpod.worker.idleBackoffMs})
 */
public record RunPodWorkerEnv(String getJobUrl, String postOutputUrl, String pingUrl, String podId, String apiKey,
                              long pingMs, int concurrency, long idleBackoffMs) {

  public static final String GET_JOB = "RUNPOD_WEBHOOK_GET_JOB";
  public static final String POST_OUTPUT = "RUNPOD_WEBHOOK_POST_OUTPUT";
  public static final String PING = "RUNPOD_WEBHOOK_PING";
  public static final String POD_ID = "RUNPOD_POD_ID";
  public static final String API_KEY = "RUNPOD_AI_API_KEY";
  public static final String PING_INTERVAL = "RUNPOD_PING_INTERVAL";
  private static final String POD_PLACEHOLDER = "$RUNPOD_POD_ID";
  private static final String ID_PLACEHOLDER = "$ID";

  /**
   * Reads {@code env}; throws {@link IllegalArgumentException} naming a missing variable or a bad interval.
   */
  public static RunPodWorkerEnv from(Map<String, String> env, RunPodConfig.Worker worker) {
    String podId = blankToNull(env.get(POD_ID));
    String pod = podId == null ? UUID.randomUUID().toString() : podId;
    String getJob = required(env, GET_JOB).replace(POD_PLACEHOLDER, pod).replace(ID_PLACEHOLDER, pod);
    String postOutput = required(env, POST_OUTPUT).replace(POD_PLACEHOLDER, pod);
    String ping = blankToNull(env.get(PING));
    long pingMs = worker.pingMs();
    String interval = blankToNull(env.get(PING_INTERVAL));
    if (interval != null) {
      try {
        pingMs = Long.parseLong(interval.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(PING_INTERVAL + ": expected milliseconds, got " + interval);
      }
    }
    return new RunPodWorkerEnv(getJob, postOutput, ping == null ? null : ping.replace(POD_PLACEHOLDER, pod), pod,
        blankToNull(env.get(API_KEY)), pingMs, worker.concurrency(), worker.idleBackoffMs());
  }

  /**
   * The job-take URL as runpod-python builds it for {@code count} jobs: the batch endpoint
   * ({@code /job-take-batch/…&batch_size=n}) when more than one is wanted, then {@code job_in_progress}.
   */
  public String takeUrl(int count, boolean jobInProgress) {
    String url = count > 1 ? withQuery(getJobUrl.replace("/job-take/", "/job-take-batch/"), "batch_size=" + count)
        : getJobUrl;
    return withQuery(url, "job_in_progress=" + (jobInProgress ? 1 : 0));
  }

  /**
   * The per-job stop channel, which runpod-python derives from the job-take URL ({@code /job-stop/}, same query),
   * or {@code null} when the job-take URL has no {@code /job-take/} to derive it from.
   */
  public String stopUrl() {
    return getJobUrl.contains("/job-take/") ? getJobUrl.replace("/job-take/", "/job-stop/") : null;
  }

  /** The job-done URL of {@code jobId}. */
  public String postOutputUrl(String jobId) {
    return withQuery(postOutputUrl.replace(ID_PLACEHOLDER, jobId), "isStream=false");
  }

  private static String withQuery(String url, String parameter) {
    return url + (url.contains("?") ? "&" : "?") + parameter;
  }

  private static String required(Map<String, String> env, String name) {
    String value = blankToNull(env.get(name));
    if (value == null) {
      throw new IllegalArgumentException(name + " is not set: --role runpod-worker runs only inside a RunPod "
          + "serverless worker (or with that variable pointing at a RunPod-compatible server)");
    }
    return value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
