package dev.storyvox.jobs;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one job queue: storybook runs and IMYME submissions alike. A job is admitted only when there is room
 * ({@code maxConcurrent} running plus {@code maxQueued} waiting, counting admissions still being written;
 * else 429 BUSY) and only once its acknowledgement (the write of its first state) succeeded. Jobs start in
 * arrival order, at most {@code maxConcurrent} at once, and a job's slot is freed the moment its future
 * completes, whatever the outcome, so one failing job never holds the queue. Used from one event loop.
 */
public final class JobQueue {

  private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);

  private final String name;
  private final int maxConcurrent;
  private final int maxQueued;
  private final Function<String, Future<?>> runner;
  private final Deque<String> waiting = new ArrayDeque<>();
  private final Set<String> running = new HashSet<>();
  private int admitting;
  private boolean closed;

  /**
   * @param name what the jobs are, for messages ("runs", "submissions")
   * @param runner runs one job to its end; the future completes when the job's slot may be given to another
   */
  public JobQueue(String name, int maxConcurrent, int maxQueued, Function<String, Future<?>> runner) {
    this.name = name;
    this.maxConcurrent = maxConcurrent;
    this.maxQueued = maxQueued;
    this.runner = runner;
  }

  /**
   * Admits job {@code id}: fails with 429 BUSY when the queue is full; otherwise runs {@code acknowledge} (which
   * writes the job's first state) and queues the job once that has succeeded. A failed acknowledgement queues
   * nothing and frees the room it held.
   */
  public <T> Future<T> admit(String id, Supplier<Future<T>> acknowledge) {
    if (closed) {
      return Future.failedFuture(new ServiceException(ErrorCode.UNAVAILABLE, "the server is stopping"));
    }
    if (running.size() + waiting.size() + admitting >= maxConcurrent + maxQueued) {
      return Future.failedFuture(new ServiceException(ErrorCode.BUSY, "too many " + name + " are queued ("
          + maxQueued + " waiting, " + maxConcurrent + " running); try again later"));
    }
    admitting++;
    Future<T> acknowledged;
    try {
      acknowledged = acknowledge.get();
    } catch (RuntimeException e) {
      acknowledged = Future.failedFuture(e);
    }
    return acknowledged.andThen(ar -> {
      admitting--;
      if (ar.succeeded()) {
        waiting.add(id);
        drain();
      }
    });
  }

  /** Queues jobs found unfinished at start, in the given order, without the room check. */
  public void resume(List<String> ids) {
    waiting.addAll(ids);
    drain();
  }

  /** Takes a waiting job out of the queue; false when it is not waiting (running or unknown). */
  public boolean remove(String id) {
    return waiting.remove(id);
  }

  /** Whether job {@code id} is running now. */
  public boolean isRunning(String id) {
    return running.contains(id);
  }

  /** Jobs running now. */
  public int running() {
    return running.size();
  }

  /** Jobs waiting for a slot. */
  public int waiting() {
    return waiting.size();
  }

  /** Starts nothing more; jobs still waiting stay in their saved state for the next start. */
  public void close() {
    closed = true;
  }

  private void drain() {
    while (!closed && running.size() < maxConcurrent && !waiting.isEmpty()) {
      String id = waiting.poll();
      running.add(id);
      Future<?> job;
      try {
        job = runner.apply(id);
      } catch (RuntimeException e) {
        LOG.error("{}: job {} could not start", name, id, e);
        job = Future.failedFuture(e);
      }
      job.onComplete(ar -> {
        running.remove(id);
        drain();
      });
    }
  }
}
