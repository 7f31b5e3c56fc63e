package dev.storyvox.engine;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.metrics.StoryvoxMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One native engine context on its own pinned thread, as DJL Serving runs a model per worker: the engine
 * is loaded, warmed and used on a dedicated single-thread worker pool, so native thread teams never
 * migrate and no event loop ever blocks. Jobs are admitted from the owning verticle's event loop; when
 * {@code queueSize} jobs already wait, a new one is refused at once with 429 BUSY instead of piling up.
 *
 * <p>Call {@link #submit} from the owning verticle's context only. Queue depth, busy state and job times
 * are published as metrics ({@link StoryvoxMetrics}).
 *
 * @param <E> the engine type, closed when the worker closes
 */
public final class EngineWorker<E extends AutoCloseable> {

  private static final Logger LOG = LoggerFactory.getLogger(EngineWorker.class);
  private static final String LOADING = "the model is still loading";

  private final String name;
  private final WorkerExecutor executor;
  private final int queueSize;
  private final Timer inference;
  private final List<Meter> gauges;
  private volatile Readiness state = Readiness.loading("not loaded yet");
  private volatile E engine;
  private volatile int admitted;
  private volatile boolean busy;

  /**
   * @param engine the engine kind for metrics: {@code stt}, {@code llm}, …
   * @param name the pinned pool's name, e.g. {@code gpu0-whisper-0}; it names the thread in logs
   * @param queueSize jobs that may wait while one runs
   * @param maxJobMs a job running longer than this is reported by Vert.x's blocked-thread checker
   */
  public EngineWorker(Vertx vertx, String engine, String name, int queueSize, long maxJobMs) {
    this.name = name;
    this.queueSize = queueSize;
    this.executor = vertx.createSharedWorkerExecutor(name, 1, maxJobMs, TimeUnit.MILLISECONDS);
    this.inference = StoryvoxMetrics.inference(engine);
    this.gauges = StoryvoxMetrics.engineGauges(engine, name, () -> admitted, () -> busy ? 1 : 0);
  }

  /** Loads the engine on the pinned thread; a failure leaves the worker UNAVAILABLE with the reason. */
  public Future<Void> load(Callable<E> loader, String describe) {
    state = Readiness.loading("loading " + describe);
    return executor.<E>executeBlocking(loader, true)
        .onSuccess(loaded -> {
          engine = loaded;
          String backend = loaded instanceof ReportsBackend reports ? ", " + reports.backend() : "";
          state = Readiness.ready(describe + " on " + name + backend);
          LOG.info("{} loaded {}", name, describe);
        })
        .onFailure(e -> {
          state = Readiness.unavailable(e.getMessage());
          LOG.warn("{} could not load {}: {}", name, describe, e.getMessage());
        })
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  /**
   * Runs {@code job} on the pinned thread with the engine. Fails with 503 MODEL_UNAVAILABLE when the
   * engine is not loaded and 429 BUSY when the queue is full; other failures become {@link ServiceException}s
   * and leave the worker usable.
   */
  public <R> Future<R> submit(Function<E, R> job, ErrorCode failure) {
    if (engine == null) {
      boolean loading = Readiness.LOADING.equals(state.state());
      return Future.failedFuture(new ServiceException(ErrorCode.MODEL_UNAVAILABLE,
          loading ? Reason.MODEL_LOADING : Reason.NONE, loading ? LOADING : state.reason()));
    }
    if (admitted > queueSize) {
      return Future.failedFuture(new ServiceException(ErrorCode.BUSY,
          name + " is busy: " + queueSize + " requests are already waiting; retry shortly"));
    }
    admitted++;
    return executor.<R>executeBlocking(() -> run(job, failure), true)
        .andThen(ar -> admitted--);
  }

  private <R> R run(Function<E, R> job, ErrorCode failure) {
    busy = true;
    long start = System.nanoTime();
    try {
      return job.apply(engine);
    } catch (ServiceException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      LOG.warn("{} job failed", name, e);
      throw new ServiceException(failure, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    } finally {
      inference.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      busy = false;
    }
  }

  /** The worker's readiness. */
  public Readiness state() {
    return state;
  }

  /** Jobs admitted and not finished (running plus waiting). */
  public int pending() {
    return admitted;
  }

  /** The pinned pool's name. */
  public String name() {
    return name;
  }

  /** Closes the engine on its own thread and releases the pool. */
  public Future<Void> close() {
    StoryvoxMetrics.remove(gauges);
    E current = engine;
    engine = null;
    state = Readiness.unavailable("stopped");
    Future<Void> closed = current == null ? Future.succeededFuture()
        : executor.<Void>executeBlocking(() -> {
          current.close();
          return null;
        }, true).recover(e -> Future.succeededFuture());
    return closed.eventually(executor::close);
  }
}
