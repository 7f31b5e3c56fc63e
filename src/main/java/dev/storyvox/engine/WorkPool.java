package dev.storyvox.engine;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.metrics.StoryvoxMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place storyvox runs work off the event loops: a named pool of {@code threads} worker threads (one
 * pins a native whisper or llama.cpp context, as DJL Serving runs a model per worker; more run espeak-ng
 * processes or draw cards) with a bounded queue. Up to {@code threads} jobs run and {@code queueSize} wait;
 * one more is refused at once with 429 BUSY instead of piling up.
 *
 * <p>The pool holds one resource (the engine its jobs use), opened on a pool thread, and a {@link Readiness}
 * saying whether it can serve. Its running and waiting counts and its state reach the metrics
 * ({@link StoryvoxMetrics}), this process's {@link WorkPools} registry and every node asking on
 * {@code Addresses.POOL_STATUS}. {@link #submit} may be called from any thread.
 *
 * @param <E> the resource jobs use; closed on a pool thread when the pool closes if it is {@link AutoCloseable}
 */
public final class WorkPool<E> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkPool.class);

  private final Vertx vertx;
  private final PoolSpec spec;
  private final WorkerExecutor executor;
  private final Timer inference;
  private final List<Meter> gauges;
  private final MessageConsumer<PoolQuery> queries;
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger waiting = new AtomicInteger();
  private final Promise<Void> idle = Promise.promise();
  private volatile Readiness state = Readiness.loading("not loaded yet");
  private volatile E resource;
  private volatile boolean closing;

  /** Creates the pool's threads, registers its gauges and makes it visible to {@code /ready} and the bus. */
  public WorkPool(Vertx vertx, PoolSpec spec) {
    this.vertx = vertx;
    this.spec = spec;
    this.executor = vertx.createSharedWorkerExecutor(spec.name(), spec.threads(), spec.maxJobMs(),
        TimeUnit.MILLISECONDS);
    this.inference = StoryvoxMetrics.inference(spec.kind());
    this.gauges = StoryvoxMetrics.poolGauges(spec.kind(), spec.name(), admitted::get, running::get, waiting::get,
        () -> Readiness.READY.equals(state.state()) ? 1 : 0);
    this.queries = vertx.eventBus().consumer(Addresses.POOL_STATUS,
        m -> vertx.eventBus().send(m.body().replyTo(), status()));
    WorkPools.of(vertx).add(this);
  }

  /**
   * Opens the resource on a pool thread and takes its readiness from {@code check} (run there too). A
   * loader that fails leaves the pool UNAVAILABLE with the reason and no resource; a resource whose check
   * says UNAVAILABLE is kept, so jobs still run and fail with the engine's own words. Never fails.
   */
  public Future<Void> open(Callable<E> loader, Function<E, Readiness> check, String describe) {
    state = Readiness.loading("loading " + describe);
    return executor.<Readiness>executeBlocking(() -> {
      E opened = loader.call();
      Readiness checked = check.apply(opened);
      resource = opened;
      return checked;
    }, false)
        .onSuccess(checked -> {
          state = checked;
          LOG.info("{} opened {}: {} ({})", spec.name(), describe, checked.state(), checked.reason());
        })
        .onFailure(e -> {
          state = Readiness.unavailable(e.getMessage());
          LOG.warn("{} could not open {}: {}", spec.name(), describe, e.getMessage());
        })
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  /**
   * Runs {@code job} with the resource on a pool thread. Fails with 503 UNAVAILABLE when there is no
   * resource (not opened, failed to open, closing) and 429 BUSY when {@code queueSize} jobs already wait;
   * a {@link ServiceException} the job throws passes as it is, any other failure becomes {@code failure}
   * and leaves the pool usable.
   */
  public <R> Future<R> submit(Function<E, R> job, ErrorCode failure) {
    E current = resource;
    if (current == null || closing) {
      return Future.failedFuture(new ServiceException(ErrorCode.UNAVAILABLE,
          closing ? spec.name() + " is stopping" : state.reason()));
    }
    if (!admit()) {
      return Future.failedFuture(new ServiceException(ErrorCode.BUSY, spec.name() + " is busy: "
          + spec.queueSize() + " requests are already waiting; retry shortly"));
    }
    waiting.incrementAndGet();
    AtomicBoolean started = new AtomicBoolean();
    return executor.<R>executeBlocking(() -> {
      started.set(true);
      waiting.decrementAndGet();
      return run(current, job, failure);
    }, false).andThen(ar -> finished(started.get()));
  }

  private boolean admit() {
    int limit = spec.threads() + spec.queueSize();
    for (int n = admitted.get(); n < limit; n = admitted.get()) {
      if (admitted.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  private void finished(boolean started) {
    if (!started) {
      waiting.decrementAndGet();
    }
    if (admitted.decrementAndGet() == 0 && closing) {
      idle.tryComplete();
    }
  }

  private <R> R run(E current, Function<E, R> job, ErrorCode failure) {
    running.incrementAndGet();
    long start = System.nanoTime();
    try {
      return job.apply(current);
    } catch (ServiceException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      LOG.warn("{} job failed", spec.name(), e);
      throw new ServiceException(failure, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    } finally {
      inference.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      running.decrementAndGet();
    }
  }

  /**
   * Sets the readiness while no resource is open (a model file still downloading, or missing); ignored once
   * one is open or the pool is closing.
   */
  public void awaiting(Readiness waiting) {
    if (resource == null && !closing) {
      state = waiting;
    }
  }

  /** The resource, or {@code null} when it is not (or no longer) open. */
  public E resource() {
    return resource;
  }

  /** The pool's readiness. */
  public Readiness state() {
    return state;
  }

  /** The pool's name. */
  public String name() {
    return spec.name();
  }

  /** What the pool is. */
  public PoolSpec spec() {
    return spec;
  }

  /** Jobs admitted and not finished (running plus waiting). */
  public int pending() {
    return admitted.get();
  }

  /** The pool's state and counts now. */
  public PoolStatus status() {
    Readiness now = state;
    return new PoolStatus(spec.name(), spec.kind(), spec.device(), now.state(), now.reason(), spec.threads(),
        running.get(), waiting.get(), spec.queueSize());
  }

  /**
   * Takes no new job, lets the admitted ones finish, closes the resource on a pool thread and releases
   * the threads. Jobs bound their own time ({@code maxJobMs} is reported, engines stop at their timeouts).
   */
  public Future<Void> close() {
    closing = true;
    WorkPools.of(vertx).remove(this);
    StoryvoxMetrics.remove(gauges);
    if (admitted.get() == 0) {
      idle.tryComplete();
    }
    return queries.unregister().otherwiseEmpty()
        .compose(v -> idle.future())
        .compose(v -> closeResource())
        .eventually(executor::close);
  }

  private Future<Void> closeResource() {
    E current = resource;
    resource = null;
    state = Readiness.unavailable("stopped");
    if (!(current instanceof AutoCloseable closeable)) {
      return Future.succeededFuture();
    }
    return executor.<Void>executeBlocking(() -> {
      closeable.close();
      return null;
    }, false).recover(e -> {
      LOG.warn("{} could not close its resource: {}", spec.name(), e.getMessage());
      return Future.succeededFuture();
    });
  }
}
