package dev.storyvox.story;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.illustration.RenderProgress;
import dev.storyvox.illustration.RenderRequest;
import dev.storyvox.llm.LlmReply;
import dev.storyvox.llm.LlmRequest;
import dev.storyvox.llm.PromptTemplate;
import dev.storyvox.retry.Retry;
import dev.storyvox.store.AtomicFiles;
import dev.storyvox.tts.SpeechRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one run from its last finished step to a final state: the story (reusing {@code story.json}),
 * then the cover and four panels, queued at once in page order, while the five pages are narrated alongside.
 * Files already on disk are kept, so a resumed run only makes what is missing. Without narration
 * ({@code tts_enabled: false}, or {@code tts.engine: none} on the server) the run completes with pictures only.
 * Runs on the story verticle's event loop.
 *
 * <p>The pipeline waits only for the writes the next step depends on: {@code story.json} before the run shows
 * the story and before any picture or narration file is written (pictures are queued meanwhile), each picture's
 * file before the run shows that picture. State changes ({@code run.json}, shown once
 * on disk) are written behind the work and share writes when they come together; each picture's file is written
 * while the next one renders; the final state waits for every earlier write. A refused write stops the run at
 * its next step. The stage names the first page still being drawn and shows its sampler progress; a picture
 * that fails cancels the others.
 */
final class RunPipeline {

  /** The house style put before every image prompt. */
  static final String STYLE = "watercolor painting, children's book illustration, ";
  static final int WIDTH = 768;
  static final int HEIGHT = 512;
  private static final Logger LOG = LoggerFactory.getLogger(RunPipeline.class);
  private static final ServiceException HALTED = new ServiceException(ErrorCode.UNAVAILABLE, Reason.STOPPING, "run halted");

  private final Vertx vertx;
  private final RunStore store;
  private final StoryEngines engines;
  private final PromptTemplate template;
  private final StoryParser parser;
  private final Retry stories;
  private final String assumedKind;
  private final boolean narration;
  private final String runId;
  private final Path dir;
  private boolean halted;
  private boolean stopping;
  private boolean cancelled;
  private String llmRequest;
  private final Map<Integer, String> renderJobs = new HashMap<>();
  private final List<Future<?>> writes = new ArrayList<>();
  private Throwable refused;
  private Future<Void> storySaved = Future.succeededFuture();

  RunPipeline(Vertx vertx, RunStore store, StoryEngines engines, PromptTemplate template, StoryParser parser,
              Retry stories, String assumedKind, boolean narration, String runId) {
    this.vertx = vertx;
    this.store = store;
    this.engines = engines;
    this.template = template;
    this.parser = parser;
    this.stories = stories;
    this.assumedKind = assumedKind;
    this.narration = narration;
    this.runId = runId;
    this.dir = store.dir(runId);
  }

  /** Runs to DONE or FAILED; completes when the run is final (also when it was cancelled). */
  Future<Void> run() {
    String progressAddress = Addresses.STORY_PROGRESS + runId;
    MessageConsumer<RenderProgress> progress = vertx.eventBus().consumer(progressAddress, m -> onProgress(m.body()));
    behind(store.update(runId, r -> r.withStatus(RunStatus.RUNNING).atStage(Stage.LLM)));
    return story()
        .compose(story -> Future.all(images(story, progressAddress), speech(story)))
        .compose(v -> refusal())
        .compose(v -> {
          List<Future<?>> all = new ArrayList<>(writes);
          all.add(store.update(runId, r -> r.withStatus(RunStatus.DONE)));
          return Future.all(all);
        })
        .<Void>mapEmpty()
        .recover(this::failed)
        .eventually(progress::unregister);
  }

  /** Stops the run: the generation or render in flight is cancelled and nothing new starts. */
  void cancel() {
    halted = true;
    cancelled = true;
    if (llmRequest != null) {
      engines.cancelGeneration(llmRequest);
    }
    cancelRenders();
  }

  /** Stops starting new steps without cancelling anything: the process is stopping and the run resumes later. */
  void halt() {
    halted = true;
    stopping = true;
  }

  private Future<Story> story() {
    String file = dir.resolve(RunFiles.STORY).toString();
    return vertx.fileSystem().exists(file)
        .compose(exists -> exists ? reuseStory(file) : generate())
        .map(story -> {
          storySaved.onSuccess(v -> behind(store.update(runId, r -> r.withStory(story))));
          return story;
        })
        .recover(e -> Future.failedFuture(StageFailure.at(Stage.LLM, e)));
  }

  private Future<Story> reuseStory(String file) {
    return vertx.fileSystem().readFile(file).map(text -> parser.parse(text.toString()))
        .recover(e -> {
          LOG.warn("run {}: stored story is unusable ({}); writing a new one", runId, e.getMessage());
          return generate();
        });
  }

  /** Writes a story, asking again (another seed) while the model's text is unusable, as {@code retry.generation} allows. */
  private Future<Story> generate() {
    int[] attempts = {0};
    return stories.run(() -> generateOnce(++attempts[0])).recover(e -> {
      ServiceException failure = Failures.toService(e);
      return Future.failedFuture(failure.reason() != Reason.BAD_ANSWER ? failure
          : new ServiceException(ErrorCode.LLM_FAILURE, Reason.BAD_ANSWER,
              "no usable story after " + attempts[0] + " attempts: " + failure.getMessage()));
    });
  }

  private Future<Story> generateOnce(int attempt) {
    if (halted) {
      return Future.failedFuture(HALTED);
    }
    llmRequest = runId + "/story/" + attempt;
    LlmRequest request = template.request(llmRequest, store.get(runId).inputs().promptValues(), LlmRequest.RANDOM_SEED);
    return engines.generate(request).compose(reply -> {
      llmRequest = null;
      if (halted || LlmReply.CANCELLED.equals(reply.finishReason())) {
        return Future.failedFuture(HALTED);
      }
      Story story = parser.parse(reply.text());
      storySaved = AtomicFiles.write(vertx, dir.resolve(RunFiles.STORY), Buffer.buffer(reply.text()))
          .recover(e -> Future.failedFuture(StageFailure.at(Stage.LLM, e)));
      behind(storySaved);
      return Future.succeededFuture(story);
    });
  }

  private Future<Void> images(Story story, String progressAddress) {
    List<Future<Boolean>> kept = new ArrayList<>();
    for (int page = 0; page < Run.PAGES; page++) {
      kept.add(vertx.fileSystem().exists(dir.resolve(RunFiles.image(page)).toString()));
    }
    return Future.all(kept).<Void>compose(v -> {
      if (halted || refused != null) {
        return refusal();
      }
      List<Future<Void>> pictures = new ArrayList<>();
      for (int page = 0; page < Run.PAGES; page++) {
        pictures.add(kept.get(page).result() ? keep(page, p -> p.hasImage() ? p : p.withImage(assumedKind))
            : image(story, page, progressAddress));
      }
      showDrawing();
      return Future.all(pictures).onFailure(e -> cancelRenders()).<Void>mapEmpty();
    }).compose(v -> {
      Run run = store.get(runId);
      if (!halted && narrated(run) && run.readyMaxAudioPage() < Run.PAGES - 1) {
        behind(store.update(runId, r -> r.atStage(Stage.TTS).withProgress(speechProgress(r))));
      }
      return Future.succeededFuture();
    });
  }

  /** Renders one picture, then writes its file and shows it. */
  private Future<Void> image(Story story, int page, String progressAddress) {
    Stage stage = Stage.image(page);
    String job = runId + "/" + RunFiles.image(page);
    RenderRequest request = new RenderRequest(job, STYLE + story.imagePrompt(page), store.get(runId).seed(),
        WIDTH, HEIGHT, story.pageText(page), progressAddress);
    renderJobs.put(page, job);
    return engines.render(request).compose(reply -> {
      renderJobs.remove(page);
      return halted ? Future.<Void>failedFuture(HALTED)
          : storySaved.compose(v -> AtomicFiles.write(vertx, dir.resolve(RunFiles.image(page)),
                  Buffer.buffer(reply.png())))
              .compose(v -> keep(page, p -> p.withImage(reply.kind())))
              .andThen(v -> showDrawing());
    }).recover(e -> {
      renderJobs.remove(page);
      return Future.failedFuture(StageFailure.at(stage, e));
    });
  }

  /** Moves the stage to the first page without its picture, while pictures are still being drawn. */
  private void showDrawing() {
    Run run = store.get(runId);
    for (int page = 0; page < Run.PAGES && !halted; page++) {
      if (!run.pages().get(page).hasImage()) {
        Stage stage = Stage.image(page);
        if (run.stage() != stage) {
          behind(store.update(runId, r -> r.atStage(stage)));
        }
        return;
      }
    }
  }

  private void cancelRenders() {
    List.copyOf(renderJobs.values()).forEach(engines::cancelRender);
  }

  private Future<Void> speech(Story story) {
    return narrated(store.get(runId)) ? inOrder(page -> speak(story, page)) : Future.succeededFuture();
  }

  /** Whether the run's pages are narrated: it asked for it and the server has a TTS engine. */
  private boolean narrated(Run run) {
    return narration && run.inputs().ttsEnabled();
  }

  private Future<Void> speak(Story story, int page) {
    Path file = dir.resolve(RunFiles.audio(page));
    return vertx.fileSystem().exists(file.toString()).compose(exists -> {
      if (exists) {
        return keep(page, RunPage::withAudio);
      }
      if (halted || refused != null) {
        return refusal();
      }
      return engines.speak(new SpeechRequest(story.pageText(page), null)).compose(reply -> halted
          ? Future.failedFuture(HALTED)
          : storySaved.compose(v -> AtomicFiles.write(vertx, file, Buffer.buffer(reply.wav())))
              .compose(v -> keep(page, RunPage::withAudio)));
    }).recover(e -> Future.failedFuture(StageFailure.at(Stage.TTS, e)));
  }

  private Future<Void> keep(int page, UnaryOperator<RunPage> change) {
    if (halted) {
      return Future.failedFuture(HALTED);
    }
    RunPage before = store.get(runId).pages().get(page);
    if (change.apply(before).equals(before)) {
      return Future.succeededFuture();
    }
    behind(store.update(runId, r -> {
      Run changed = r.withPage(page, change);
      return changed.stage() == Stage.TTS ? changed.withProgress(speechProgress(changed)) : changed;
    }));
    return Future.succeededFuture();
  }

  /** A state change the pipeline does not wait for: the final state waits for it; if refused, the next step stops. */
  private void behind(Future<?> write) {
    writes.add(write);
    write.onFailure(e -> refused = refused == null ? e : refused);
  }

  /** Fails with the first refused write, or HALTED once halted; succeeds otherwise. */
  private Future<Void> refusal() {
    return refused != null ? Future.failedFuture(refused) : halted ? Future.failedFuture(HALTED)
        : Future.succeededFuture();
  }

  private void onProgress(RenderProgress progress) {
    Run run = store.get(runId);
    if (!halted && run != null && run.stage() != null && progress.jobId().equals(renderJobs.get(run.stage().page()))) {
      store.update(runId, r -> r.withProgress(new RunProgress(r.stage(), progress.step(), progress.total())));
    }
  }

  /**
   * Ends the run FAILED unless it was cancelled, the process is stopping or readers already see it final. The
   * state readers see decides, not the newest one: a DONE the disk refused still ends FAILED.
   */
  private Future<Void> failed(Throwable e) {
    halted = true;
    Run shown = store.shown(runId);
    if (stopping || cancelled || shown == null || shown.status().isFinal()) {
      return Future.succeededFuture();
    }
    Run run = store.get(runId);
    RunError error = StageFailure.at(run.stage() == null ? Stage.LLM : run.stage(), e).toRunError();
    LOG.warn("run {} failed at {}: {} {}", runId, error.stage(), error.code(), error.message());
    return store.finish(runId, r -> r.failed(error)).<Void>mapEmpty().otherwiseEmpty();
  }

  private static RunProgress speechProgress(Run run) {
    return new RunProgress(Stage.TTS, run.readyMaxAudioPage() + 1, Run.PAGES);
  }

  private static Future<Void> inOrder(IntFunction<Future<Void>> step) {
    Future<Void> chain = Future.succeededFuture();
    for (int page = 0; page < Run.PAGES; page++) {
      int current = page;
      chain = chain.compose(v -> step.apply(current));
    }
    return chain;
  }
}
