package dev.storyvox.story;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.jobs.JobQueue;
import dev.storyvox.jobs.Retention;
import dev.storyvox.llm.PromptTemplate;
import dev.storyvox.metrics.StatusCounts;
import dev.storyvox.retry.Retry;
import dev.storyvox.store.StorageFailure;
import dev.storyvox.tts.TtsEngines;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every storybook run: answers {@code story.create/get/list/cancel} and runs the pipelines through the
 * shared {@link JobQueue} ({@code story.maxConcurrentRuns} at once, {@code story.maxQueuedRuns} waiting). A
 * run is acknowledged only once its {@code run.json} is on disk; the runs a restart interrupted resume, and
 * {@code outputs.keep} applies after every run. Deploy one instance. Its addresses are local: in a cluster
 * each API node owns the runs created through it.
 */
public final class StoryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StoryVerticle.class);
  private static final SecureRandom SEEDS = new SecureRandom();

  private final StoryvoxConfig config;
  private final Map<String, RunPipeline> active = new HashMap<>();
  /** Runs whose cancel the disk refused: queued again once their halted pipeline has ended. */
  private final Set<String> resumeWhenHalted = new HashSet<>();
  private RunStore store;
  private JobQueue queue;
  private StatusCounts<RunStatus> counts;
  private StoryEngines engines;
  private StoryParser parser;
  private Retry stories;
  private PromptTemplate template;

  public StoryVerticle(StoryvoxConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    store = new RunStore(vertx, Path.of(config.outputs().dir()));
    queue = new JobQueue("runs", config.story().maxConcurrentRuns(), config.story().maxQueuedRuns(), this::run);
    engines = new StoryEngines(vertx, config.llm().timeoutMs(),
        config.comfyui().timeoutMs() * Run.PAGES * config.story().maxConcurrentRuns(), config.tts().timeoutMs(),
        config.retry());
    parser = new StoryParser(config.story().requireKorean());
    stories = new Retry(vertx, "story writing", config.retry().generation(),
        failure -> failure.reason() == Reason.BAD_ANSWER);
    return vertx.executeBlocking(() -> PromptTemplate.load(Path.of(config.llm().promptsDir()), "story"))
        .compose(loaded -> {
          template = loaded;
          return store.load();
        })
        .compose(runs -> retain().map(runs))
        .onSuccess(runs -> {
          listen();
          resume(runs);
          counts = new StatusCounts<>(vertx, "runs", RunStatus.class, () -> store.all().stream().map(Run::status));
        });
  }

  /** Runs in flight stay RUNNING on disk and resume at the next start. */
  @Override
  public Future<?> stop() {
    if (queue != null) {
      queue.close();
    }
    active.values().forEach(RunPipeline::halt);
    if (counts != null) {
      counts.close();
    }
    return store == null ? Future.succeededFuture() : store.close();
  }

  private void listen() {
    answer(Addresses.STORY_CREATE, this::create);
    answer(Addresses.STORY_GET, this::get);
    answer(Addresses.STORY_LIST, this::list);
    answer(Addresses.STORY_CANCEL, this::cancel);
  }

  private <T> void answer(String address, Function<T, Future<?>> handler) {
    vertx.eventBus().<T>localConsumer(address, message -> reply(message, handler));
  }

  private static <T> void reply(Message<T> message, Function<T, Future<?>> handler) {
    Future<?> answer;
    try {
      answer = handler.apply(message.body());
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onSuccess(message::reply).onFailure(e -> Failures.fail(message, e));
  }

  private Future<JsonObject> create(RunInputs inputs) {
    return comfyUiModels().compose(ok -> admit(inputs));
  }

  /** Refuses runs (503 MODEL_UNAVAILABLE) while ComfyUI lacks a model file the workflow names. */
  private Future<Void> comfyUiModels() {
    if (!config.comfyui().enabled()) {
      return Future.succeededFuture();
    }
    return vertx.eventBus().request(Addresses.COMFYUI_MODELS, new ReadinessQuery("comfyui"),
            new DeliveryOptions().setSendTimeout(2_000)).<Void>mapEmpty()
        .recover(e -> Failures.is(e, Reason.MODEL_MISSING) ? Future.failedFuture(Failures.toService(e))
            : Future.succeededFuture());
  }

  private Future<JsonObject> admit(RunInputs inputs) {
    Run run = Run.queued(uniqueId(), inputs, Instant.now(), SEEDS.nextInt(Integer.MAX_VALUE));
    return queue.admit(run.runId(), () -> store.add(run))
        .recover(e -> Future.failedFuture(StorageFailure.notSaved("the run", e)))
        .map(RunJson::run);
  }

  private Future<RunSnapshot> get(RunQuery query) {
    Run run = find(query.runId());
    RunUpdate last = store.lastEvent(run.runId());
    RunUpdate current = last != null ? last
        : new RunUpdate(run.eventId(), RunJson.event(run).encode(), run.status().isFinal());
    List<RunUpdate> missed = query.afterEventId() < 0 ? List.of() : store.eventsAfter(run.runId(), query.afterEventId());
    return Future.succeededFuture(new RunSnapshot(store.json(run.runId()), current, missed));
  }

  private Future<JsonObject> list(RunListQuery query) {
    List<Run> page = store.list(query.limit() + 1, query.before());
    List<Run> shown = page.subList(0, Math.min(query.limit(), page.size()));
    JsonArray runs = new JsonArray();
    shown.forEach(r -> runs.add(RunJson.summary(r)));
    String next = page.size() > query.limit() ? shown.get(shown.size() - 1).runId() : null;
    return Future.succeededFuture(new JsonObject().put("runs", runs).put("next_before", next));
  }

  /**
   * Cancels a run that is not final yet, once CANCELLED is on disk. Its pipeline is halted first so nothing
   * else changes meanwhile; when the disk refuses the cancel, the client is told, the run keeps its status and
   * its pipeline resumes from the files already made.
   */
  private Future<JsonObject> cancel(RunCancel request) {
    Run run = find(request.runId());
    Run current = store.get(run.runId());
    if (current.status().isFinal()) {
      throw new ServiceException(ErrorCode.INVALID_REQUEST, 409,
          "run " + run.runId() + " is already " + current.status(), null, null);
    }
    RunPipeline pipeline = active.get(run.runId());
    if (pipeline != null) {
      pipeline.halt();
    }
    boolean waited = queue.remove(run.runId());
    return store.update(run.runId(), r -> r.withStatus(RunStatus.CANCELLED))
        .onSuccess(cancelled -> {
          if (pipeline != null) {
            pipeline.cancel();
          }
          LOG.info("run {} cancelled at {}", run.runId(), current.stage());
        })
        .recover(e -> {
          store.update(run.runId(), r -> r.withStatus(current.status()));
          if (pipeline != null) {
            resumeWhenHalted.add(run.runId());
          } else if (waited) {
            queue.resume(List.of(run.runId()));
          }
          return Future.failedFuture(StorageFailure.notSaved("the cancel of run " + run.runId(), e));
        })
        .map(RunJson::run);
  }

  private Run find(String runId) {
    Run run = RunIds.isValid(runId) ? store.shown(runId) : null;
    if (run == null) {
      throw new ServiceException(ErrorCode.NOT_FOUND, "run not found: " + runId);
    }
    return run;
  }

  private void resume(List<Run> runs) {
    List<String> unfinished = runs.stream().filter(r -> !r.status().isFinal())
        .sorted(Comparator.comparing((Run r) -> r.status() != RunStatus.RUNNING).thenComparing(Run::runId))
        .map(Run::runId).toList();
    unfinished.forEach(id -> LOG.info("resuming run {} ({} at {})", id, store.get(id).status(), store.get(id).stage()));
    queue.resume(unfinished);
  }

  private Future<Void> run(String runId) {
    if (store.get(runId) == null || store.get(runId).status().isFinal()) {
      return Future.succeededFuture();
    }
    RunPipeline pipeline = new RunPipeline(vertx, store, engines, template, parser, stories,
        config.comfyui().enabled() ? "comfyui" : "card", !TtsEngines.NONE.equals(config.tts().engine()), runId);
    active.put(runId, pipeline);
    return pipeline.run().andThen(done -> {
      active.remove(runId);
      if (resumeWhenHalted.remove(runId)) {
        queue.resume(List.of(runId));
      }
      retain();
    });
  }

  private Future<Void> retain() {
    List<Run> expired = Retention.expired(store.all(), config.outputs().keep(), r -> r.status().isFinal());
    expired.forEach(r -> LOG.info("retention: deleting run {}", r.runId()));
    return Future.join(expired.stream().map(r -> store.delete(r.runId())).toList()).mapEmpty();
  }

  private String uniqueId() {
    String id = RunIds.create(Instant.now());
    return store.get(id) == null ? id : uniqueId();
  }
}
