package dev.storyvox.runpod;

import io.vertx.core.json.JsonObject;

/**
 * What {@code GET /{endpointId}/health} says about an endpoint, answered on {@code Addresses.RUNPOD_HEALTH}.
 *
 * @param idleWorkers workers ready for a job
 * @param runningWorkers workers running a job
 * @param inQueue jobs waiting for a worker
 * @param inProgress jobs being run
 * @param completed jobs completed lately
 * @param failed jobs failed lately
 */
public record RunPodHealth(int idleWorkers, int runningWorkers, int inQueue, int inProgress, int completed,
                           int failed) {

  /** Reads RunPod's {@code {jobs:{completed, failed, inProgress, inQueue, retried}, workers:{idle, running, …}}}. */
  public static RunPodHealth from(JsonObject json) {
    JsonObject jobs = json.getJsonObject("jobs", new JsonObject());
    JsonObject workers = json.getJsonObject("workers", new JsonObject());
    return new RunPodHealth(workers.getInteger("idle", 0), workers.getInteger("running", 0),
        jobs.getInteger("inQueue", 0), jobs.getInteger("inProgress", 0), jobs.getInteger("completed", 0),
        jobs.getInteger("failed", 0));
  }
}
