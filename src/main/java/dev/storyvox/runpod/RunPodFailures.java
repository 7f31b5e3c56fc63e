package dev.storyvox.runpod;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The failure a finished RunPod job means. A storyvox/IMYME worker reports its failure as
 * {@code "CODE: message"} ({@code WorkerJobs}); the codes of bad input and of the audio itself come back as the
 * same code the local backend answers, so both backends answer the same status for the same input. Everything
 * else RunPod reports (a FAILED job of another worker, CANCELLED, TIMED_OUT, an expired job) is
 * {@code STT_FAILURE} with RunPod's job id, status and reason in the detail.
 */
final class RunPodFailures {

  /** The worker's codes that mean the same as the local backend's. */
  static final Set<ErrorCode> INPUT_CODES = Set.of(ErrorCode.INVALID_URL, ErrorCode.INVALID_REQUEST,
      ErrorCode.UNSUPPORTED_FORMAT, ErrorCode.DOWNLOAD_FAILURE, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.STT_FAILURE);

  private RunPodFailures() {
  }

  /** The failure of job {@code id} ({@code prefix} names it and its request) that ended in {@code status}. */
  static ServiceException of(String prefix, String id, JobStatus status) {
    return switch (status.status()) {
      case JobStatus.FAILED -> reported(prefix, id, status.status(), status.error());
      case JobStatus.CANCELLED -> runPod(prefix + " was cancelled on RunPod", id, status.status(), "cancelled");
      default -> runPod(prefix + " timed out on RunPod (the endpoint's execution timeout or the job's TTL ran out)",
          id, status.status(), "timed out");
    };
  }

  /** The failure a worker reported for job {@code id}, as output error or as the FAILED job's error. */
  static ServiceException reported(String prefix, String id, String status, Object error) {
    String text = error == null ? null : error.toString();
    int colon = text == null ? -1 : text.indexOf(": ");
    ErrorCode code = colon > 0 ? ErrorCode.byName(text.substring(0, colon)) : null;
    if (code != null && INPUT_CODES.contains(code)) {
      return new ServiceException(code, text.substring(colon + 2), detail(id, status, text));
    }
    return runPod(prefix + " failed: " + (text == null ? "no reason given" : text), id, status,
        text == null ? "no reason given" : text);
  }

  /** An STT_FAILURE with RunPod's view of the job in the detail. */
  static ServiceException runPod(String message, String id, String status, String reason) {
    return new ServiceException(ErrorCode.STT_FAILURE, message, detail(id, status, reason));
  }

  private static JsonObject detail(String id, String status, String reason) {
    return new JsonObject().put("runpodJobId", id).put("runpodStatus", status).put("runpodError", reason);
  }
}
