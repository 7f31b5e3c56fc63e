package dev.storyvox.runpod;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RunPod serverless for tests, on a real port: the API under {@code /v2/{endpoint}/} ({@code run},
 * {@code runsync}, {@code status/{id}}, {@code cancel/{id}}, {@code health}; {@code Authorization: Bearer}
 * {@value #KEY} or 401) and the worker webhooks ({@code job-take/{pod}}, {@code job-done/{pod}/{id}},
 * {@code ping/{pod}}; the raw key). Each submitted job follows the {@link Script} in force when it was
 * submitted; {@code faults} makes the next API calls answer {@code faultStatus}.
 */
public final class FakeRunPod {

  /** The API key it accepts. */
  public static final String KEY = "rp-test-key";
  /** The endpoint id it serves. */
  public static final String ENDPOINT = "ep-test";
  /** The pod id of the worker tests run. */
  public static final String POD = "pod-1";

  /** What a submitted job does as it is polled. */
  public enum Script {
    /** IN_QUEUE → IN_PROGRESS → COMPLETED with {@link #output} (runsync waits: COMPLETED at once). */
    COMPLETE,
    /** FAILED with {@link #FAILURE}. */
    FAIL,
    /** CANCELLED. */
    CANCEL,
    /** TIMED_OUT. */
    TIME_OUT,
    /** Status answers 404, as after the job's TTL. */
    EXPIRE,
    /** IN_PROGRESS until cancelled. */
    NEVER,
    /** Queued for a worker's job-take; finished by its job-done. */
    WORKER
  }

  /** The error a FAIL job reports. */
  public static final String FAILURE = "CUDA out of memory";

  public volatile Script script = Script.WORKER;
  public volatile JsonObject output = new JsonObject().put("text", "hello there").put("language", "en")
      .put("segments", new JsonArray().add(new JsonObject().put("start", 0.0).put("end", 1.5).put("text", " hello there")
          .put("confidence", 0.9).put("tokens", 3)))
      .put("processing_time", 0.2);
  /** When set, runsync answers IN_PROGRESS and the job completes only when polled. */
  public volatile boolean syncHolds;
  public volatile int faults;
  public volatile int faultStatus = 500;
  /** The next job-done posts answered 500. */
  public volatile int doneFaults;
  public volatile boolean healthy = true;

  public final List<JsonObject> inputs = new CopyOnWriteArrayList<>();
  public final List<String> cancelled = new CopyOnWriteArrayList<>();
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  public final List<String> takeQueries = new CopyOnWriteArrayList<>();
  public final List<String> pings = new CopyOnWriteArrayList<>();
  public final Map<String, JsonObject> done = new ConcurrentHashMap<>();
  /** Calls of run, runsync, status and cancel (health excluded). */
  public final AtomicInteger apiCalls = new AtomicInteger();
  public final AtomicInteger polls = new AtomicInteger();
  public final AtomicInteger doneCalls = new AtomicInteger();

  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final Queue<Job> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger ids = new AtomicInteger();
  private HttpServer server;

  private static final class Job {
    final String id;
    final JsonObject input;
    final Script script;
    volatile String status = "IN_QUEUE";
    volatile Object output;
    volatile String error;

    Job(String id, JsonObject input, Script script) {
      this.id = id;
      this.input = input;
      this.script = script;
    }

    JsonObject json() {
      JsonObject json = new JsonObject().put("id", id).put("status", status);
      return error != null ? json.put("error", error) : output != null ? json.put("output", output) : json;
    }
  }

  public Future<FakeRunPod> start(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").map(started -> {
      server = started;
      return this;
    });
  }

  /** {@code runpod.baseUrl}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v2";
  }

  /** The {@code runpod} section aiming at this fake with a fast poll; {@code key} is the API key sent. */
  public JsonObject config(String key) {
    return new JsonObject().put("baseUrl", baseUrl()).put("endpointId", ENDPOINT).put("apiKey", key)
        .put("pollMs", 20).put("timeoutMs", 20_000).put("retryBackoffMs", 10);
  }

  /** The environment RunPod gives a worker of this endpoint (templates as RunPod writes them). */
  public Map<String, String> workerEnv() {
    String base = baseUrl() + "/" + ENDPOINT;
    return Map.of(RunPodWorkerEnv.GET_JOB, base + "/job-take/$ID?gpu=test",
        RunPodWorkerEnv.POST_OUTPUT, base + "/job-done/$RUNPOD_POD_ID/$ID?gpu=test",
        RunPodWorkerEnv.PING, base + "/ping/$RUNPOD_POD_ID?gpu=test",
        RunPodWorkerEnv.POD_ID, POD, RunPodWorkerEnv.API_KEY, KEY, RunPodWorkerEnv.PING_INTERVAL, "100");
  }

  /** Queues a job for workers as {@code /run} would; answers its id. */
  public String submit(JsonObject input) {
    return add(input, Script.WORKER).id;
  }

  /** The status of job {@code id}, or {@code null} when there is none. */
  public String statusOf(String id) {
    Job job = jobs.get(id);
    return job == null ? null : job.status;
  }

  private Job add(JsonObject input, Script jobScript) {
    Job job = new Job("job-" + ids.incrementAndGet(), input, jobScript);
    inputs.add(input);
    jobs.put(job.id, job);
    if (jobScript == Script.WORKER) {
      queue.add(job);
    }
    return job;
  }

  private void handle(HttpServerRequest request) {
    String prefix = "/v2/" + ENDPOINT + "/";
    if (!request.path().startsWith(prefix)) {
      request.response().setStatusCode(404).end();
      return;
    }
    String[] parts = request.path().substring(prefix.length()).split("/");
    switch (parts[0]) {
      case "job-take", "job-done", "ping" -> worker(request, parts);
      default -> api(request, parts);
    }
  }

  private void api(HttpServerRequest request, String[] parts) {
    authorizations.add(String.valueOf(request.getHeader("Authorization")));
    if (!("Bearer " + KEY).equals(request.getHeader("Authorization"))) {
      request.response().setStatusCode(401).end("Unauthorized");
      return;
    }
    if (parts[0].equals("health")) {
      health(request);
      return;
    }
    apiCalls.incrementAndGet();
    if (faults > 0) {
      faults--;
      request.response().setStatusCode(faultStatus).end("{\"error\":\"try again\"}");
      return;
    }
    request.body().onSuccess(body -> {
      switch (parts[0]) {
        case "run" -> json(request, 200, add(body.toJsonObject().getJsonObject("input"), script).json());
        case "runsync" -> {
          Job job = add(body.toJsonObject().getJsonObject("input"), script);
          if (!syncHolds) {
            advance(job);
            advance(job);
          }
          json(request, 200, job.json());
        }
        case "status" -> status(request, jobs.get(parts[1]));
        case "cancel" -> {
          cancelled.add(parts[1]);
          jobs.computeIfPresent(parts[1], (id, job) -> {
            job.status = "CANCELLED";
            return job;
          });
          json(request, 200, new JsonObject().put("id", parts[1]).put("status", "CANCELLED"));
        }
        default -> request.response().setStatusCode(404).end();
      }
    });
  }

  private void status(HttpServerRequest request, Job job) {
    polls.incrementAndGet();
    if (job == null || job.script == Script.EXPIRE) {
      request.response().setStatusCode(404).end("{\"error\":\"request does not exist\"}");
      return;
    }
    advance(job);
    json(request, 200, job.json());
  }

  private void advance(Job job) {
    if (job.status.equals("CANCELLED")) {
      return;
    }
    switch (job.script) {
      case COMPLETE -> {
        job.status = job.status.equals("IN_QUEUE") ? "IN_PROGRESS" : "COMPLETED";
        job.output = job.status.equals("COMPLETED") ? output : null;
      }
      case FAIL -> {
        job.status = "FAILED";
        job.error = FAILURE;
      }
      case CANCEL -> job.status = "CANCELLED";
      case TIME_OUT -> job.status = "TIMED_OUT";
      case NEVER -> job.status = "IN_PROGRESS";
      default -> {
      }
    }
  }

  private void health(HttpServerRequest request) {
    if (!healthy) {
      request.response().setStatusCode(500).end("{\"error\":\"unhealthy\"}");
      return;
    }
    long inQueue = jobs.values().stream().filter(j -> j.status.equals("IN_QUEUE")).count();
    long inProgress = jobs.values().stream().filter(j -> j.status.equals("IN_PROGRESS")).count();
    json(request, 200, new JsonObject()
        .put("jobs", new JsonObject().put("completed", done.size()).put("failed", 0).put("inProgress", inProgress)
            .put("inQueue", inQueue).put("retried", 0))
        .put("workers", new JsonObject().put("idle", 2).put("running", 1).put("throttled", 0)));
  }

  private void worker(HttpServerRequest request, String[] parts) {
    if (!KEY.equals(request.getHeader("Authorization"))) {
      request.response().setStatusCode(401).end();
      return;
    }
    switch (parts[0]) {
      case "job-take" -> {
        takeQueries.add(request.query());
        Job job = queue.poll();
        if (job == null) {
          request.response().setStatusCode(204).end();
        } else {
          job.status = "IN_PROGRESS";
          json(request, 200, new JsonObject().put("id", job.id).put("input", job.input));
        }
      }
      case "ping" -> {
        pings.add(parts[1] + "?" + request.query());
        request.response().end();
      }
      default -> request.body().onSuccess(body -> jobDone(request, parts[2], body.toJsonObject()));
    }
  }

  private void jobDone(HttpServerRequest request, String id, JsonObject body) {
    doneCalls.incrementAndGet();
    if (doneFaults > 0) {
      doneFaults--;
      request.response().setStatusCode(500).end();
      return;
    }
    Job job = jobs.get(id);
    if (job != null) {
      job.output = body.getValue("output");
      job.error = body.getString("error");
      job.status = job.error == null ? "COMPLETED" : "FAILED";
    }
    done.put(id, body);
    request.response().end();
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
