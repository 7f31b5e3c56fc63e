package dev.storyvox.engine;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * One native engine context on its own pinned thread: a {@link WorkPool} of one thread on which the engine
 * is loaded, warmed, used and closed, so native thread teams never migrate and no event loop ever blocks.
 * When {@code queueSize} jobs already wait, a new one is refused at once with 429 BUSY instead of piling up;
 * until the model is loaded (or when it cannot be) jobs fail with 503 MODEL_UNAVAILABLE.
 *
 * @param <E> the engine type, closed when the worker closes
 */
public final class EngineWorker<E extends AutoCloseable> {

  private static final String LOADING = "the model is still loading";

  private final WorkPool<E> pool;

  /**
   * @param engine the engine kind for metrics: {@code stt}, {@code llm}, …
   * @param name the pinned pool's name, e.g. {@code gpu0-whisper-0}; it names the thread in logs
   * @param queueSize jobs that may wait while one runs
   * @param maxJobMs a job running longer than this is reported by Vert.x's blocked-thread checker
   */
  public EngineWorker(Vertx vertx, String engine, String name, int queueSize, long maxJobMs) {
    this(vertx, PoolSpec.pinned(engine, name, null, queueSize, maxJobMs));
  }

  /** A pinned context as {@code spec} describes (one thread whatever its {@code threads}). */
  public EngineWorker(Vertx vertx, PoolSpec spec) {
    this.pool = new WorkPool<>(vertx, PoolSpec.pinned(spec.kind(), spec.name(), spec.device(), spec.queueSize(),
        spec.maxJobMs()));
  }

  /** Loads the engine on the pinned thread; a failure leaves the worker UNAVAILABLE with the reason. */
  public Future<Void> load(Callable<E> loader, String describe) {
    return pool.open(loader, loaded -> Readiness.ready(describe + " on " + pool.name()
        + (loaded instanceof ReportsBackend reports ? ", " + reports.backend() : "")), describe);
  }

  /**
   * Runs {@code job} on the pinned thread with the engine. Fails with 503 MODEL_UNAVAILABLE when the
   * engine is not loaded and 429 BUSY when the queue is full; other failures become {@link ServiceException}s
   * and leave the worker usable.
   */
  public <R> Future<R> submit(Function<E, R> job, ErrorCode failure) {
    E engine = pool.resource();
    Readiness state = pool.state();
    if (engine == null) {
      boolean loading = Readiness.LOADING.equals(state.state());
      return Future.failedFuture(new ServiceException(ErrorCode.MODEL_UNAVAILABLE,
          loading ? Reason.MODEL_LOADING : Reason.NONE, loading ? LOADING : state.reason()));
    }
    return pool.submit(job, failure);
  }

  /** Sets the readiness while no engine is loaded (its model file downloading or missing). */
  public void awaiting(Readiness waiting) {
    pool.awaiting(waiting);
  }

  /** The worker's readiness. */
  public Readiness state() {
    return pool.state();
  }

  /** Jobs admitted and not finished (running plus waiting). */
  public int pending() {
    return pool.pending();
  }

  /** The pinned pool's name. */
  public String name() {
    return pool.name();
  }

  /** The worker's state and counts. */
  public PoolStatus status() {
    return pool.status();
  }

  /** Lets the jobs in hand finish, then closes the engine on its own thread and releases the pool. */
  public Future<Void> close() {
    return pool.close();
  }
}
