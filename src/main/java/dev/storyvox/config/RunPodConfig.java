package dev.storyvox.config;

/**
 * RunPod serverless: the endpoint used for transcription when {@code stt.backend} is runpod or auto, how its
 * jobs are sent and followed, and the settings of this server's own serverless worker mode.
 *
 * @param schema the endpoint's input/output shape: {@code imyme} or {@code faster-whisper}
 * @param mode {@code async} (run, then poll) or {@code sync} ({@code runsync}, polling only if unfinished)
 * @param model the model named in faster-whisper inputs
 * @param syncWaitMs how long {@code runsync} may hold the request
 * @param retries how often a 429, 5xx or unreachable answer is retried (a job submission only when it
 *     certainly created no job: a 429 or a connection refused before sending)
 * @param retryBackoffMs the first retry's delay; it doubles with each retry and is jittered
 * @param maxRunBytes the largest request body {@code /run} accepts (RunPod: 10 MB)
 * @param maxRunSyncBytes the largest request body {@code /runsync} accepts (RunPod: 20 MB)
 * @param worker the {@code --role runpod-worker} settings
 */
public record RunPodConfig(String baseUrl, String endpointId, String apiKey, long pollMs, long timeoutMs,
                           String schema, String mode, String model, long syncWaitMs, int retries,
                           long retryBackoffMs, long maxRunBytes, long maxRunSyncBytes, Worker worker) {

  /** The schema of IMYME's own worker ({@code audio_url}/{@code audio_base64} → {@code text, segments}). */
  public static final String IMYME = "imyme";
  /** The schema of RunPod's official worker-faster_whisper. */
  public static final String FASTER_WHISPER = "faster-whisper";

  public RunPodConfig {
    Check.url("runpod.baseUrl", baseUrl);
    Check.positive("runpod.pollMs", pollMs);
    Check.positive("runpod.timeoutMs", timeoutMs);
    Check.oneOf("runpod.schema", schema, IMYME, FASTER_WHISPER);
    Check.oneOf("runpod.mode", mode, "async", "sync");
    Check.notBlank("runpod.model", model);
    Check.range("runpod.syncWaitMs", syncWaitMs, 1000, 300_000);
    Check.range("runpod.retries", retries, 0, 10);
    Check.positive("runpod.retryBackoffMs", retryBackoffMs);
    Check.positive("runpod.maxRunBytes", maxRunBytes);
    Check.positive("runpod.maxRunSyncBytes", maxRunSyncBytes);
    endpointId = Check.blankToNull(endpointId);
    apiKey = Check.blankToNull(apiKey);
    if (worker == null) {
      throw new IllegalArgumentException("runpod.worker: expected a section (concurrency, pingMs, idleBackoffMs)");
    }
  }

  /** Whether an endpoint and a key are configured. */
  public boolean configured() {
    return endpointId != null && apiKey != null;
  }

  /**
   * The retry policy of RunPod requests: {@code retries} more tries, from {@code retryBackoffMs} doubling
   * with jitter, within {@code timeoutMs}.
   */
  public RetryPolicyConfig retryPolicy() {
    return new RetryPolicyConfig(retries, retryBackoffMs, retryBackoffMs << retries, timeoutMs)
        .validate("runpod");
  }

  /** The largest request body the submission endpoint in use accepts. */
  public long maxBodyBytes() {
    return sync() ? maxRunSyncBytes : maxRunBytes;
  }

  /** Whether jobs go through {@code runsync} first. */
  public boolean sync() {
    return "sync".equals(mode);
  }

  /**
   * The serverless worker mode ({@code --role runpod-worker}).
   *
   * @param concurrency jobs taken and run at once
   * @param pingMs heartbeat interval, unless RunPod sets {@code RUNPOD_PING_INTERVAL}
   * @param idleBackoffMs the wait after a job-take failed (unreachable RunPod, 5xx); an empty take is followed at
   *     once, as runpod-python does (RunPod holds the take open), and a 429 waits 5 s
   */
  public record Worker(int concurrency, long pingMs, long idleBackoffMs) {
    public Worker {
      Check.range("runpod.worker.concurrency", concurrency, 1, 64);
      Check.positive("runpod.worker.pingMs", pingMs);
      Check.positive("runpod.worker.idleBackoffMs", idleBackoffMs);
    }
  }
}
