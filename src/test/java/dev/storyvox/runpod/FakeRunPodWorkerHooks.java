package dev.storyvox.runpod;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker side of {@link FakeRunPod}, as runpod-python expects it: {@code job-take/{pod}} (one job object) and
 * {@code job-take-batch/{pod}?batch_size=n} (a list), both held open up to {@link #holdMs} while no job waits
 * (then 204); {@code job-stop/{pod}}, held open the same way and answering {@code {"jobsToStop": [ids]}} once a
 * job that pod holds is cancelled; {@code job-done/{pod}/{id}}, which must come as runpod-python's
 * {@code rp_http} posts it (the raw key as {@code Authorization}, {@code Content-Type:
 * application/x-www-form-urlencoded}, {@code X-Request-ID} the job id, {@code isStream=false}, the body JSON text)
 * or is answered 400 and listed in {@link #protocolErrors}; and {@code ping/{pod}}.
 */
public final class FakeRunPodWorkerHooks {

  /** How long an empty job-take or stop poll is held open. */
  public volatile long holdMs = 300;
  /** The next job-done posts answered 500. */
  public volatile int doneFaults;

  public final List<String> takeQueries = new CopyOnWriteArrayList<>();
  public final List<String> pings = new CopyOnWriteArrayList<>();
  public final Map<String, JsonObject> done = new ConcurrentHashMap<>();
  /** Every request that broke the protocol, with why. */
  public final List<String> protocolErrors = new CopyOnWriteArrayList<>();
  /** Results posted for jobs RunPod had stopped (cancelled while running). */
  public final List<String> lateResults = new CopyOnWriteArrayList<>();
  /** How many jobs each job-take answer carried. */
  public final List<Integer> takeSizes = new CopyOnWriteArrayList<>();
  public final AtomicInteger doneCalls = new AtomicInteger();
  public final AtomicInteger stopPolls = new AtomicInteger();

  private final FakeRunPod fake;
  private final Deque<FakeRunPod.Job> queue = new ArrayDeque<>();
  private final Map<String, String> heldBy = new ConcurrentHashMap<>();
  private final Map<String, List<String>> stops = new ConcurrentHashMap<>();
  private final List<Waiting> takers = new ArrayList<>();
  private final List<Waiting> stopPollers = new ArrayList<>();
  Vertx vertx;

  private record Waiting(HttpServerRequest request, String pod, int size, boolean batch) {
  }

  FakeRunPodWorkerHooks(FakeRunPod fake) {
    this.fake = fake;
  }

  /** Whether a job-take answer came with more than one job. */
  public boolean batched() {
    return takeSizes.stream().anyMatch(n -> n > 1);
  }

  synchronized void queue(FakeRunPod.Job job) {
    queue.add(job);
    if (!takers.isEmpty()) {
      Waiting taker = takers.remove(0);
      give(taker);
    }
  }

  synchronized void stop(FakeRunPod.Job job) {
    queue.remove(job);
    String pod = heldBy.get(job.id);
    if (pod != null && job.status.equals("IN_PROGRESS")) {
      stops.computeIfAbsent(pod, p -> new ArrayList<>()).add(job.id);
      stopPollers.stream().filter(w -> w.pod.equals(pod)).findFirst().ifPresent(w -> {
        stopPollers.remove(w);
        answerStops(w);
      });
    }
  }

  void handle(HttpServerRequest request, String[] parts) {
    if (!FakeRunPod.KEY.equals(request.getHeader("Authorization"))) {
      protocolErrors.add(parts[0] + " without the raw key as Authorization: " + request.getHeader("Authorization"));
      request.response().setStatusCode(401).end();
      return;
    }
    switch (parts[0]) {
      case "job-take", "job-take-batch" -> take(request, parts);
      case "job-stop" -> stopPoll(request, parts[1]);
      case "ping" -> {
        pings.add(parts[1] + "?" + request.query());
        request.response().end();
      }
      default -> request.body().onSuccess(body -> jobDone(request, parts, body.toString()));
    }
  }

  private synchronized void take(HttpServerRequest request, String[] parts) {
    takeQueries.add(request.path() + "?" + request.query());
    boolean batch = parts[0].equals("job-take-batch");
    String size = request.getParam("batch_size");
    if (request.getParam("job_in_progress") == null || batch != (size != null)) {
      protocolErrors.add("job-take without job_in_progress, or batch_size off the batch endpoint: "
          + request.path() + "?" + request.query());
      request.response().setStatusCode(400).end();
      return;
    }
    Waiting taker = new Waiting(request, parts[1], batch ? Integer.parseInt(size) : 1, batch);
    if (!queue.isEmpty()) {
      give(taker);
      return;
    }
    takers.add(taker);
    vertx.setTimer(holdMs, t -> expire(takers, taker));
  }

  private void give(Waiting taker) {
    JsonArray jobs = new JsonArray();
    while (jobs.size() < taker.size && !queue.isEmpty()) {
      FakeRunPod.Job job = queue.poll();
      job.status = "IN_PROGRESS";
      heldBy.put(job.id, taker.pod);
      jobs.add(new JsonObject().put("id", job.id).put("input", job.input));
    }
    takeSizes.add(jobs.size());
    FakeRunPod.json(taker.request, 200, taker.batch ? jobs : jobs.getJsonObject(0));
  }

  private synchronized void stopPoll(HttpServerRequest request, String pod) {
    stopPolls.incrementAndGet();
    Waiting poller = new Waiting(request, pod, 0, false);
    if (stops.containsKey(pod)) {
      answerStops(poller);
      return;
    }
    stopPollers.add(poller);
    vertx.setTimer(holdMs, t -> expire(stopPollers, poller));
  }

  private void answerStops(Waiting poller) {
    List<String> ids = stops.remove(poller.pod);
    FakeRunPod.json(poller.request, 200, new JsonObject().put("jobsToStop", new JsonArray(ids)));
  }

  private synchronized void expire(List<Waiting> waiting, Waiting one) {
    if (waiting.remove(one)) {
      one.request.response().setStatusCode(204).end();
    }
  }

  private void jobDone(HttpServerRequest request, String[] parts, String body) {
    doneCalls.incrementAndGet();
    String id = parts[2];
    String type = request.getHeader("Content-Type");
    if (!"application/x-www-form-urlencoded".equals(type) || !id.equals(request.getHeader("X-Request-ID"))
        || !"false".equals(request.getParam("isStream")) || !FakeRunPod.POD.equals(parts[1])) {
      protocolErrors.add("job-done of " + id + " not as runpod-python posts it: Content-Type " + type
          + ", X-Request-ID " + request.getHeader("X-Request-ID") + ", query " + request.query());
      request.response().setStatusCode(400).end();
      return;
    }
    if (doneFaults > 0) {
      doneFaults--;
      request.response().setStatusCode(500).end();
      return;
    }
    JsonObject result = new JsonObject(body);
    FakeRunPod.Job job = fake.jobs.get(id);
    if (job != null && !job.status.equals("IN_PROGRESS")) {
      lateResults.add(id);
    } else if (job != null) {
      job.output = result.getValue("output");
      job.error = result.getValue("error") == null ? null : result.getValue("error").toString();
      job.status = job.error == null ? "COMPLETED" : "FAILED";
    }
    heldBy.remove(id);
    done.put(id, result);
    request.response().end();
  }
}
