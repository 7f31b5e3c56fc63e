package dev.storyvox.runpod;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * One answer of RunPod about a job ({@code /run}, {@code /runsync} or {@code /status/{id}}).
 *
 * @param id the RunPod job id
 * @param status IN_QUEUE, IN_PROGRESS, COMPLETED, FAILED, CANCELLED or TIMED_OUT
 * @param output the handler's output once COMPLETED (any JSON value), else {@code null}
 * @param error the failure RunPod reports, or {@code null}
 */
public record JobStatus(String id, String status, Object output, String error) {

  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";
  public static final String CANCELLED = "CANCELLED";
  public static final String TIMED_OUT = "TIMED_OUT";
  private static final Set<String> FINAL = Set.of(COMPLETED, FAILED, CANCELLED, TIMED_OUT);

  /** Reads RunPod's {@code {id, status, output?, error?}}. */
  public static JobStatus from(JsonObject json) {
    Object error = json.getValue("error");
    return new JobStatus(json.getString("id"), json.getString("status", "UNKNOWN"), json.getValue("output"),
        error == null ? null : error.toString());
  }

  /** Whether the job will not change any more. */
  public boolean isFinal() {
    return FINAL.contains(status);
  }
}
