package dev.storyvox.solo;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.llm.PromptTemplate;
import dev.storyvox.jobs.JobQueue;
import dev.storyvox.jobs.Retention;
import dev.storyvox.metrics.StatusCounts;
import dev.storyvox.net.AddressGuard;
import dev.storyvox.store.StorageFailure;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns IMYME solo submissions ({@code solo.submit}, {@code solo.get}): one instance on one event loop holds
 * their state in memory and grades them through the shared {@link JobQueue} ({@code solo.maxConcurrent} at
 * once, one per LLM context by default; {@code solo.maxQueued} waiting). Every change is written to
 * {@code <outputs.dir>/solo/<attemptId>.json} before it is shown: reads, {@code solo.events.<attemptId>} and
 * the callback only ever see a state that is on disk, and a submission is acknowledged only once stored. On
 * start, PENDING and PROCESSING ones are queued again; final ones stay readable, the newest {@code solo.keep}
 * of them. A submission still in progress cannot be submitted again (409 DUPLICATE_ATTEMPT); a final one is
 * replaced. Its addresses are local: in a cluster each API node owns the submissions it was given.
 */
public final class SoloVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SoloVerticle.class);
  private static final String TEMPLATE = "solo-feedback";

  private final StoryvoxConfig config;
  private final Map<Long, Submission> submissions = new HashMap<>();
  /** The state of each submission as it is on disk: what reads answer, so nothing is shown before it is kept. */
  private final Map<Long, Submission> stored = new HashMap<>();
  private SubmissionStore store;
  private JobQueue queue;
  private StatusCounts<SoloStatus> counts;
  private FeedbackGrader grader;
  private CallbackSender callbacks;
  private boolean stopped;

  public SoloVerticle(StoryvoxConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    int perContext = Math.max(1, config.gpu().devices().size() * config.gpu().llmPerDevice());
    int concurrency = config.solo().maxConcurrent() > 0 ? config.solo().maxConcurrent() : perContext;
    queue = new JobQueue("submissions", concurrency, config.solo().maxQueued(), id -> process(Long.parseLong(id)));
    store = new SubmissionStore(vertx, Path.of(config.outputs().dir(), "solo"));
    callbacks = new CallbackSender(vertx, new AddressGuard(config.download()), config.solo().callbackTimeoutMs(),
        config.retry().callback());
    return vertx.executeBlocking(() -> PromptTemplate.load(Path.of(config.llm().promptsDir()), TEMPLATE))
        .onSuccess(template -> grader = new FeedbackGrader(vertx, template, config.llm().timeoutMs(), config.retry()))
        .compose(template -> store.loadAll())
        .onSuccess(this::restore)
        .onSuccess(v -> counts = new StatusCounts<>(vertx, "submissions", SoloStatus.class,
            () -> submissions.values().stream().map(Submission::status)))
        .compose(v -> Future.all(
            vertx.eventBus().<SoloRequest>localConsumer(Addresses.SOLO_SUBMIT, this::submit).completion(),
            vertx.eventBus().<SoloQuery>localConsumer(Addresses.SOLO_GET, this::get).completion()));
  }

  /** Submissions in progress stay PROCESSING on disk and are graded again at the next start. */
  @Override
  public Future<?> stop() {
    stopped = true;
    if (queue != null) {
      queue.close();
    }
    if (counts != null) {
      counts.close();
    }
    Future<Void> settled = store == null ? Future.succeededFuture() : store.settled();
    return settled.eventually(() -> callbacks == null ? Future.succeededFuture() : callbacks.close());
  }

  private void restore(List<Submission> loaded) {
    List<String> unfinished = new ArrayList<>();
    loaded.stream().sorted(Comparator.comparing(Submission::createdAt)).forEach(s -> {
      submissions.put(s.attemptId(), s);
      stored.put(s.attemptId(), s);
      if (!s.isFinal()) {
        unfinished.add(String.valueOf(s.attemptId()));
      }
    });
    LOG.info("solo: {} stored submissions, {} to finish", loaded.size(), unfinished.size());
    retain();
    queue.resume(unfinished);
  }

  private void submit(Message<SoloRequest> message) {
    SoloRequest request = message.body();
    Submission existing = submissions.get(request.attemptId());
    if (existing != null && !existing.isFinal()) {
      Failures.fail(message, new ServiceException(ErrorCode.DUPLICATE_ATTEMPT, "attempt " + request.attemptId()
          + " is already " + existing.status() + "; wait for it to finish before submitting it again"));
      return;
    }
    if (request.callbackUrl() != null) {
      try {
        CallbackSender.parse(request.callbackUrl());
      } catch (ServiceException e) {
        Failures.fail(message, e);
        return;
      }
    }
    Submission pending = Submission.pending(request, now());
    queue.admit(String.valueOf(request.attemptId()), () -> acknowledge(pending, existing))
        .onSuccess(v -> message.reply(pending))
        .onFailure(e -> Failures.fail(message, StorageFailure.notSaved("the submission", e)));
  }

  /** Stores a new submission; when the disk refuses it, the attempt is left as it was. */
  private Future<Void> acknowledge(Submission pending, Submission previous) {
    return update(pending).onFailure(e -> {
      if (previous == null) {
        submissions.remove(pending.attemptId(), pending);
      } else {
        submissions.put(previous.attemptId(), previous);
      }
    });
  }

  private void get(Message<SoloQuery> message) {
    Submission submission = stored.get(message.body().attemptId());
    if (submission == null) {
      Failures.fail(message, new ServiceException(ErrorCode.TASK_NOT_FOUND,
          "no solo submission with attemptId " + message.body().attemptId()));
    } else {
      message.reply(submission);
    }
  }

  /**
   * Grades one submission. A storage failure on the way ends it FAILED with that code; a grading that failed
   * because the model is unavailable or the process is stopping leaves it for the next start.
   */
  private Future<Void> process(long attemptId) {
    Submission submission = submissions.get(attemptId);
    if (submission == null || submission.isFinal()) {
      return Future.succeededFuture();
    }
    Submission processing = submission.with(SoloStatus.PROCESSING, now());
    return update(processing)
        .compose(v -> grader.grade(processing.request())
            .map(result -> processing.completed(result, now()))
            .recover(e -> {
              ServiceException failure = Failures.toService(e);
              return stopped || failure.code() == ErrorCode.UNAVAILABLE
                  ? Future.failedFuture(failure)
                  : Future.succeededFuture(failed(processing, failure));
            }))
        .recover(e -> stopped || !(e instanceof StorageFailure storage) ? Future.failedFuture(e)
            : Future.succeededFuture(failed(processing, storage)))
        .compose(this::finish)
        .onFailure(e -> LOG.info("solo {} left {} for the next start: {}", attemptId, SoloStatus.PROCESSING,
            e.getMessage()));
  }

  /** Saves the final state (shown also when the disk refused it), then delivers the callback. */
  private Future<Void> finish(Submission done) {
    if (stopped) {
      return Future.failedFuture(new ServiceException(ErrorCode.UNAVAILABLE, "the server is stopping"));
    }
    LOG.info("solo {} {}", done.attemptId(), done.status());
    submissions.put(done.attemptId(), done);
    return store.saveFinal(done, () -> shown(done))
        .recover(e -> {
          LOG.error("solo {}: its {} state is shown but not on disk: {}", done.attemptId(), done.status(),
              e.getMessage());
          return Future.succeededFuture();
        })
        .onSuccess(v -> {
          if (done.request().callbackUrl() != null) {
            callbacks.deliver(done.request().callbackUrl(), envelope(done));
          }
          retain();
        });
  }

  private Future<Void> update(Submission submission) {
    submissions.put(submission.attemptId(), submission);
    return store.save(submission, () -> shown(submission));
  }

  private void shown(Submission submission) {
    stored.put(submission.attemptId(), submission);
    vertx.eventBus().publish(Addresses.SOLO_EVENTS + submission.attemptId(), submission);
  }

  private static Submission failed(Submission processing, ServiceException failure) {
    return processing.failed(new Submission.Error(failure.code().name(), failure.getMessage()), now());
  }

  private void retain() {
    List<Submission> newestFirst = submissions.values().stream()
        .sorted(Comparator.comparing(Submission::updatedAt).reversed()).toList();
    for (Submission old : Retention.expired(newestFirst, config.solo().keep(), Submission::isFinal)) {
      submissions.remove(old.attemptId());
      stored.remove(old.attemptId());
      store.delete(old.attemptId());
    }
  }

  /** The IMYME envelope of a final submission, as the callback receives it. */
  static JsonObject envelope(Submission done) {
    JsonObject error = done.error() == null ? null
        : new JsonObject().put("code", done.error().code()).put("message", done.error().message()).putNull("detail");
    return new JsonObject().put("success", done.status() == SoloStatus.COMPLETED).put("data", done.view())
        .put("error", error);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
