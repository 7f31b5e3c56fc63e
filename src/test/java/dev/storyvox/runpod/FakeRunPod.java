package dev.storyvox.runpod;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RunPod serverless for tests, on a real port: the API under {@code /v2/{endpoint}/} ({@code run},
 * {@code runsync}, {@code status/{id}}, {@code cancel/{id}}, {@code health}; {@code Authorization: Bearer}
 * {@value #KEY} or 401; request bodies over {@link #runLimit}/{@link #runSyncLimit} answered 413 and no job made)
 * and the worker webhooks ({@link FakeRunPodWorkerHooks}). Each submitted job follows the {@link Script} in
 * force when it was submitted; with {@link #fasterWhisper} its input is first checked as worker-faster_whisper's
 * validator checks it ({@link FasterWhisperInput}). {@code faults} makes the next API calls answer
 * {@code faultStatus} without doing anything, {@code statusFaults} the next status polls, and
 * {@code acceptThenFail} the next submissions create their job and then answer {@code faultStatus}, as a
 * gateway failing after RunPod queued the job would.
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
    /** FAILED with {@link #failure}. */
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

  /** The error a FAIL job reports by default. */
  public static final String FAILURE = "CUDA out of memory";

  public volatile Script script = Script.WORKER;
  public volatile String failure = FAILURE;
  public volatile JsonObject output = new JsonObject().put("text", "hello there").put("language", "en")
      .put("segments", new JsonArray().add(new JsonObject().put("start", 0.0).put("end", 1.5).put("text", " hello there")
          .put("confidence", 0.9).put("tokens", 3)))
      .put("processing_time", 0.2);
  /** When set, runsync answers IN_PROGRESS and the job completes only when polled. */
  public volatile boolean syncHolds;
  /** When set, job inputs are validated as worker-faster_whisper does; a rejected one FAILS with its errors. */
  public volatile boolean fasterWhisper;
  public volatile int faults;
  public volatile int statusFaults;
  public volatile int acceptThenFail;
  public volatile int faultStatus = 500;
  public volatile long runLimit = 10_000_000;
  public volatile long runSyncLimit = 20_000_000;
  public volatile boolean healthy = true;

  public final List<JsonObject> inputs = new CopyOnWriteArrayList<>();
  public final List<String> cancelled = new CopyOnWriteArrayList<>();
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  /** Calls of run, runsync, status and cancel (health excluded). */
  public final AtomicInteger apiCalls = new AtomicInteger();
  public final AtomicInteger polls = new AtomicInteger();
  /** The worker side: job-take, job-stop, job-done and ping. */
  public final FakeRunPodWorkerHooks hooks = new FakeRunPodWorkerHooks(this);
  public final List<String> takeQueries = hooks.takeQueries;
  public final List<String> pings = hooks.pings;
  public final Map<String, JsonObject> done = hooks.done;

  final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private HttpServer server;

  static final class Job {
    final String id;
    final Object input;
    final Script script;
    volatile String status = "IN_QUEUE";
    volatile Object output;
    volatile String error;

    Job(String id, Object input, Script script) {
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
    return start(vertx, 0);
  }

  /** Starts on {@code port} (0: any free one). */
  public Future<FakeRunPod> start(Vertx vertx, int port) {
    hooks.vertx = vertx;
    return vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1").map(started -> {
      server = started;
      return this;
    });
  }

  /** {@code runpod.baseUrl}. */
  public String baseUrl() {
    return baseUrl(server.actualPort());
  }

  static String baseUrl(int port) {
    return "http://127.0.0.1:" + port + "/v2";
  }

  /** The {@code runpod} section aiming at this fake with a fast poll; {@code key} is the API key sent. */
  public JsonObject config(String key) {
    return config(key, server.actualPort());
  }

  /** The {@code runpod} section aiming at a fake (to be) started on {@code port}. */
  public static JsonObject config(String key, int port) {
    return new JsonObject().put("baseUrl", baseUrl(port)).put("endpointId", ENDPOINT).put("apiKey", key)
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

  /** Queues a job for workers as {@code /run} would; answers its id. {@code input} may be any JSON value. */
  public String submit(Object input) {
    return add(input, Script.WORKER).id;
  }

  /** The status of job {@code id}, or {@code null} when there is none. */
  public String statusOf(String id) {
    Job job = jobs.get(id);
    return job == null ? null : job.status;
  }

  private Job add(Object input, Script jobScript) {
    Job job = new Job("job-" + ids.incrementAndGet(), input, jobScript);
    inputs.add(input instanceof JsonObject object ? object : new JsonObject().put("notAnObject", input));
    jobs.put(job.id, job);
    if (fasterWhisper) {
      List<String> errors = FasterWhisperInput.errors(input);
      if (!errors.isEmpty()) {
        job.status = "FAILED";
        job.error = new JsonArray(errors).encode();
        return job;
      }
    }
    if (jobScript == Script.WORKER) {
      hooks.queue(job);
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
      case "job-take", "job-take-batch", "job-stop", "job-done", "ping" -> hooks.handle(request, parts);
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
        case "run", "runsync" -> submitted(request, parts[0], body.length(), body.toJsonObject().getValue("input"));
        case "status" -> status(request, jobs.get(parts[1]));
        case "cancel" -> {
          cancelled.add(parts[1]);
          Job job = jobs.get(parts[1]);
          if (job != null && !job.status.equals("COMPLETED") && !job.status.equals("FAILED")) {
            hooks.stop(job);
            job.status = "CANCELLED";
          }
          json(request, 200, new JsonObject().put("id", parts[1]).put("status", "CANCELLED"));
        }
        default -> request.response().setStatusCode(404).end();
      }
    });
  }

  private void submitted(HttpServerRequest request, String kind, int bodyBytes, Object input) {
    long limit = kind.equals("run") ? runLimit : runSyncLimit;
    if (bodyBytes > limit) {
      request.response().setStatusCode(413).end("{\"error\":\"request body exceeds " + limit + " bytes\"}");
      return;
    }
    Job job = add(input, script);
    if (kind.equals("runsync") && !syncHolds) {
      advance(job);
      advance(job);
    }
    if (acceptThenFail > 0) {
      acceptThenFail--;
      request.response().setStatusCode(faultStatus).end("{\"error\":\"bad gateway\"}");
      return;
    }
    json(request, 200, job.json());
  }

  private void status(HttpServerRequest request, Job job) {
    polls.incrementAndGet();
    if (statusFaults > 0) {
      statusFaults--;
      request.response().setStatusCode(faultStatus).end("{\"error\":\"try again\"}");
      return;
    }
    if (job == null || job.script == Script.EXPIRE) {
      request.response().setStatusCode(404).end("{\"error\":\"request does not exist\"}");
      return;
    }
    advance(job);
    json(request, 200, job.json());
  }

  private void advance(Job job) {
    if (job.status.equals("CANCELLED") || job.status.equals("FAILED")) {
      return;
    }
    switch (job.script) {
      case COMPLETE -> {
        job.status = job.status.equals("IN_QUEUE") ? "IN_PROGRESS" : "COMPLETED";
        job.output = job.status.equals("COMPLETED") ? output : null;
      }
      case FAIL -> {
        job.status = "FAILED";
        job.error = failure;
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

  static void json(HttpServerRequest request, int status, Object body) {
    request.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(io.vertx.core.json.Json.encode(body));
  }
}
