package dev.storyvox.story;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.llm.PromptTemplate;
import dev.storyvox.metrics.StatusCounts;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every storybook run: answers {@code story.create/get/list/cancel}, runs up to
 * {@code story.maxConcurrentRuns} pipelines at once with up to {@code story.maxQueuedRuns} waiting in
 * order, resumes the runs a restart interrupted and applies {@code outputs.keep}. Deploy one instance. Its
 * addresses are local: in a cluster each API node owns the runs created through it.
 */
public final class StoryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StoryVerticle.class);
  private static final SecureRandom SEEDS = new SecureRandom();

  private final Deque<String> waiting = new ArrayDeque<>();
  private final Map<String, RunPipeline> active = new HashMap<>();
  private StoryvoxConfig config;
  private RunStore store;
  private StatusCounts<RunStatus> counts;
  private StoryEngines engines;
  private StoryParser parser;
  private PromptTemplate template;

  @Override
  public Future<?> start() {
    config = StoryvoxConfig.from(config());
    store = new RunStore(vertx, Path.of(config.outputs().dir()));
    engines = new StoryEngines(vertx, config.llm().timeoutMs(), config.comfyui().timeoutMs(),
        config.tts().timeoutMs());
    parser = new StoryParser(config.story().requireKorean());
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
    if (active.size() + waiting.size() >= config.story().maxConcurrentRuns() + config.story().maxQueuedRuns()) {
      throw new ServiceException(ErrorCode.BUSY, "too many runs are queued; try again later");
    }
    Run run = Run.queued(uniqueId(), inputs, Instant.now(), SEEDS.nextInt(Integer.MAX_VALUE));
    waiting.add(run.runId());
    Future<Run> saved = store.add(run);
    drain();
    return saved.map(RunJson::run);
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

  private Future<JsonObject> cancel(RunCancel request) {
    Run run = find(request.runId());
    if (run.status().isFinal()) {
      throw new ServiceException(ErrorCode.INVALID_REQUEST, 409,
          "run " + run.runId() + " is already " + run.status(), null, null);
    }
    waiting.remove(run.runId());
    RunPipeline pipeline = active.get(run.runId());
    Future<Run> cancelled = store.update(run.runId(), r -> r.withStatus(RunStatus.CANCELLED));
    if (pipeline != null) {
      pipeline.cancel();
    }
    LOG.info("run {} cancelled at {}", run.runId(), run.stage());
    return cancelled.map(RunJson::run);
  }

  private Run find(String runId) {
    Run run = RunIds.isValid(runId) ? store.get(runId) : null;
    if (run == null) {
      throw new ServiceException(ErrorCode.NOT_FOUND, "run not found: " + runId);
    }
    return run;
  }

  private void resume(List<Run> runs) {
    runs.stream().filter(r -> !r.status().isFinal())
        .sorted(Comparator.comparing((Run r) -> r.status() != RunStatus.RUNNING).thenComparing(Run::runId))
        .forEach(r -> {
          LOG.info("resuming run {} ({} at {})", r.runId(), r.status(), r.stage());
          waiting.add(r.runId());
        });
    drain();
  }

  private void drain() {
    while (active.size() < config.story().maxConcurrentRuns() && !waiting.isEmpty()) {
      String runId = waiting.poll();
      RunPipeline pipeline = new RunPipeline(vertx, store, engines, template, parser,
          config.comfyui().enabled() ? "comfyui" : "card", runId);
      active.put(runId, pipeline);
      pipeline.run().onComplete(done -> {
        active.remove(runId);
        retain();
        drain();
      });
    }
  }

  private Future<Void> retain() {
    List<Run> expired = Retention.expired(store.all(), config.outputs().keep());
    expired.forEach(r -> LOG.info("retention: deleting run {}", r.runId()));
    return Future.join(expired.stream().map(r -> store.delete(r.runId())).toList()).mapEmpty();
  }

  private String uniqueId() {
    String id = RunIds.create(Instant.now());
    return store.get(id) == null ? id : uniqueId();
  }
}
