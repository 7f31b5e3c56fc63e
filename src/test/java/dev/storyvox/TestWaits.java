package dev.storyvox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Bounded waits shared by the tests (never on an event loop): every wait has a deadline, and one that
 * passes fails the test saying what was waited for, with a dump of the live threads, instead of hanging
 * the suite. {@code TestWaitsGuardTest} keeps unbounded waits out of {@code src/test}.
 */
public final class TestWaits {

  /** How long {@link #await(Future)} waits when no deadline is given: longer than any single step. */
  public static final long DEFAULT_MS = 120_000;
  /** How long {@link #close(Vertx)} lets a Vert.x instance undeploy and stop. */
  public static final long CLOSE_MS = 30_000;

  private TestWaits() {
  }

  /** Polls {@code condition} every 50 ms until it holds or {@code timeoutMs} pass. */
  public static void until(Vertx vertx, BooleanSupplier condition, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
      await(vertx.timer(50), 5_000);
    }
  }

  /** The result of {@code future}, waiting at most {@link #DEFAULT_MS}. */
  public static <T> T await(Future<T> future) {
    return await(future, DEFAULT_MS);
  }

  /** The result of {@code future}, waiting at most {@code timeoutMs}; fails the test when it takes longer. */
  public static <T> T await(Future<T> future, long timeoutMs) {
    try {
      return future.await(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("a future did not complete within " + timeoutMs + " ms\n" + threadDump());
    }
  }

  /** Waits at most {@code timeoutMs} for {@code latch}; fails the test when it does not reach zero. */
  public static void await(CountDownLatch latch, long timeoutMs) {
    try {
      if (!latch.await(timeoutMs, TimeUnit.MILLISECONDS)) {
        throw new AssertionError("a latch was not released within " + timeoutMs + " ms\n" + threadDump());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }

  /** Closes {@code vertx}, waiting at most {@link #CLOSE_MS}. */
  public static void close(Vertx vertx) {
    close(List.of(vertx), CLOSE_MS);
  }

  /**
   * Closes every instance at once and waits at most {@code timeoutMs} for all of them. When one does not
   * finish, fails naming the verticles still deployed on it (their {@code stop()} or close hooks did not
   * complete) with a dump of the live threads; the instances are left to the JVM's exit.
   */
  public static void close(Collection<Vertx> instances, long timeoutMs) {
    List<Vertx> all = List.copyOf(instances);
    List<Future<Void>> closing = all.stream().map(Vertx::close).toList();
    long deadline = System.currentTimeMillis() + timeoutMs;
    List<String> stuck = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      try {
        closing.get(i).await(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        stuck.add("Vert.x instance " + i + " still has " + deployed(all.get(i)));
      }
    }
    if (!stuck.isEmpty()) {
      throw new AssertionError("Vert.x did not close within " + timeoutMs + " ms: " + String.join("; ", stuck)
          + "\n" + threadDump());
    }
  }

  /** Waits at most {@code timeoutMs} for {@code thread} to end; fails the test when it is still alive. */
  public static void join(Thread thread, long timeoutMs) {
    try {
      thread.join(timeoutMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
    if (thread.isAlive()) {
      throw new AssertionError("thread " + thread.getName() + " still runs after " + timeoutMs + " ms\n"
          + threadDump());
    }
  }

  /** The exit code of {@code process}, waiting at most {@code timeoutMs}; kills it and fails when it is late. */
  public static int waitFor(Process process, long timeoutMs) {
    try {
      if (process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    throw new AssertionError("process " + process.pid() + " did not exit within " + timeoutMs + " ms");
  }

  /** The verticles still deployed on {@code vertx}, by class, e.g. {@code [StoryVerticle, LlmVerticle]}. */
  public static List<String> deployed(Vertx vertx) {
    if (!(vertx instanceof VertxInternal internal)) {
      return List.copyOf(vertx.deploymentIDs());
    }
    List<String> names = new ArrayList<>();
    for (String id : vertx.deploymentIDs()) {
      DeploymentContext deployment = internal.deploymentManager().deployment(id);
      if (deployment != null) {
        deployment.deployment().instances().forEach(v -> names.add(v.getClass().getSimpleName()));
      }
    }
    return names;
  }

  /** The stacks of every live thread (Vert.x's included), for a failure message. */
  public static String threadDump() {
    Map<Long, Thread> byId = Thread.getAllStackTraces().keySet().stream()
        .collect(Collectors.toMap(Thread::getId, t -> t, (a, b) -> a));
    StringBuilder dump = new StringBuilder("thread dump:\n");
    for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
      Thread thread = byId.get(info.getThreadId());
      dump.append('"').append(info.getThreadName()).append('"')
          .append(thread != null && thread.isDaemon() ? " daemon" : "")
          .append(' ').append(info.getThreadState()).append('\n');
      Arrays.stream(info.getStackTrace()).limit(24).forEach(f -> dump.append("    at ").append(f).append('\n'));
    }
    return dump.toString();
  }

  /** Used heap after asking for garbage collection a few times. */
  public static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
