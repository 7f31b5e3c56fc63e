package dev.storyvox.solo;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.llm.PromptTemplate;
import dev.storyvox.metrics.StatusCounts;
import dev.storyvox.net.AddressGuard;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns IMYME solo submissions ({@code solo.submit}, {@code solo.get}): one instance on one event loop
 * holds their state in memory and writes each change to {@code <outputs.dir>/solo/<attemptId>.json} before
 * publishing it on {@code solo.events.<attemptId>}. Submissions are graded in arrival order, as many at a
 * time as there are LLM contexts. On start, PENDING and PROCESSING ones are queued again; final ones stay
 * readable, the newest {@code solo.keep} of them. A submission still in progress cannot be submitted again
 * (409 DUPLICATE_ATTEMPT); a final one is replaced. Its addresses are local: in a cluster each API node owns
 * the submissions it was given.
 */
public final class SoloVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SoloVerticle.class);
  private static final String TEMPLATE = "solo-feedback";

  private final Map<Long, Submission> submissions = new HashMap<>();
  /** The state of each submission as it is on disk: what reads answer, so nothing is shown before it is kept. */
  private final Map<Long, Submission> stored = new HashMap<>();
  private final Deque<Long> queue = new ArrayDeque<>();
  private StoryvoxConfig config;
  private SubmissionStore store;
  private StatusCounts<SoloStatus> counts;
  private FeedbackGrader grader;
  private CallbackSender callbacks;
  private int concurrency;
  private int running;
  private boolean stopped;

  @Override
  public Future<?> start() {
    config = StoryvoxConfig.from(config());
    concurrency = Math.max(1, config.gpu().devices().size() * config.gpu().llmPerDevice());
    store = new SubmissionStore(vertx, Path.of(config.outputs().dir(), "solo"));
    callbacks = new CallbackSender(vertx, new AddressGuard(config.download()), config.solo().callbackTimeoutMs());
    return vertx.executeBlocking(() -> PromptTemplate.load(Path.of(config.llm().promptsDir()), TEMPLATE))
        .onSuccess(template -> grader = new FeedbackGrader(vertx, template, config.llm().timeoutMs()))
        .compose(template -> store.loadAll())
        .onSuccess(this::restore)
        .onSuccess(v -> counts = new StatusCounts<>(vertx, "submissions", SoloStatus.class,
            () -> submissions.values().stream().map(Submission::status)))
        .compose(v -> Future.all(
            vertx.eventBus().<SoloRequest>localConsumer(Addresses.SOLO_SUBMIT, this::submit).completion(),
            vertx.eventBus().<SoloQuery>localConsumer(Addresses.SOLO_GET, this::get).completion()));
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    if (counts != null) {
      counts.close();
    }
    return callbacks.close();
  }

  private void restore(List<Submission> loaded) {
    loaded.stream().sorted(Comparator.comparing(Submission::createdAt)).forEach(s -> {
      submissions.put(s.attemptId(), s);
      stored.put(s.attemptId(), s);
      if (!s.isFinal()) {
        queue.add(s.attemptId());
      }
    });
    LOG.info("solo: {} stored submissions, {} to finish", loaded.size(), queue.size());
    retain();
    pump();
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
    update(pending)
        .onSuccess(v -> {
          message.reply(pending);
          queue.add(request.attemptId());
          pump();
        })
        .onFailure(e -> {
          submissions.remove(request.attemptId(), pending);
          Failures.fail(message, new ServiceException(ErrorCode.UNAVAILABLE,
              "the submission could not be stored: the outputs folder refused the write (see the server log)"));
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

  private void pump() {
    while (!stopped && running < concurrency && !queue.isEmpty()) {
      Submission next = submissions.get(queue.poll());
      if (next != null && !next.isFinal()) {
        running++;
        process(next).onComplete(ar -> {
          running--;
          pump();
        });
      }
    }
  }

  private Future<Void> process(Submission submission) {
    Submission processing = submission.with(SoloStatus.PROCESSING, now());
    update(processing);
    return grader.grade(processing.request())
        .map(result -> processing.completed(result, now()))
        .recover(e -> {
          ServiceException failure = Failures.toService(e);
          return stopped || failure.code() == ErrorCode.UNAVAILABLE
              ? Future.failedFuture(failure)
              : Future.succeededFuture(processing.failed(new Submission.Error(failure.code().name(),
                  failure.getMessage()), now()));
        })
        .compose(this::finish)
        .onFailure(e -> LOG.info("solo {} left {} for the next start: {}", submission.attemptId(),
            SoloStatus.PROCESSING, e.getMessage()));
  }

  private Future<Void> finish(Submission done) {
    if (stopped) {
      return Future.failedFuture("stopping");
    }
    LOG.info("solo {} {}", done.attemptId(), done.status());
    update(done);
    if (done.request().callbackUrl() != null) {
      callbacks.deliver(done.request().callbackUrl(), envelope(done));
    }
    retain();
    return Future.succeededFuture();
  }

  private Future<Void> update(Submission submission) {
    submissions.put(submission.attemptId(), submission);
    return store.save(submission)
        .onSuccess(v -> {
          stored.put(submission.attemptId(), submission);
          vertx.eventBus().publish(Addresses.SOLO_EVENTS + submission.attemptId(), submission);
        });
  }

  private void retain() {
    List<Submission> finals = submissions.values().stream().filter(Submission::isFinal)
        .sorted(Comparator.comparing(Submission::updatedAt).reversed()).toList();
    for (Submission old : finals.subList(Math.min(config.solo().keep(), finals.size()), finals.size())) {
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
