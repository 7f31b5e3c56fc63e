package dev.storyvox.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The state of one storybook run, immutable; every change makes a new value.
 *
 * @param runId the run's id
 * @param status where the run is in its life
 * @param stage the step in progress, null when queued or final
 * @param title the story's title once written
 * @param inputs the child's answers
 * @param pages the five pages, cover first
 * @param progress progress inside the current stage
 * @param error why the run failed, or null
 * @param createdAt when the run was created
 * @param updatedAt when it last changed
 * @param seed the image seed, one per run, shared by the cover and every panel
 * @param eventId the id of the last update event published for it (0 before any)
 */
public record Run(String runId, RunStatus status, Stage stage, String title, RunInputs inputs, List<RunPage> pages,
                  RunProgress progress, RunError error, Instant createdAt, Instant updatedAt, long seed,
                  long eventId) {

  /** Pages in a book: the cover and four panels. */
  public static final int PAGES = 5;

  public Run {
    pages = List.copyOf(pages);
  }

  /** A new queued run. */
  public static Run queued(String runId, RunInputs inputs, Instant now, long seed) {
    List<RunPage> pages = new ArrayList<>();
    for (int i = 0; i < PAGES; i++) {
      pages.add(RunPage.empty(i));
    }
    return new Run(runId, RunStatus.QUEUED, null, null, inputs, pages, RunProgress.NONE, null, now, now, seed, 0);
  }

  /** Highest page whose image and every earlier one's is ready, −1 when none. */
  public int readyMaxPage() {
    return readyMax(RunPage::hasImage);
  }

  /** Highest page whose narration and every earlier one's is ready, −1 when none. */
  public int readyMaxAudioPage() {
    return readyMax(RunPage::audio);
  }

  public Run withStatus(RunStatus newStatus) {
    Stage newStage = newStatus.isFinal() ? null : stage;
    RunProgress newProgress = newStatus.isFinal() ? RunProgress.NONE : progress;
    return new Run(runId, newStatus, newStage, title, inputs, pages, newProgress, error, createdAt, updatedAt, seed,
        eventId);
  }

  /** This run at the start of {@code newStage}. */
  public Run atStage(Stage newStage) {
    return new Run(runId, status, newStage, title, inputs, pages, RunProgress.start(newStage), error, createdAt,
        updatedAt, seed, eventId);
  }

  public Run withProgress(RunProgress newProgress) {
    return new Run(runId, status, stage, title, inputs, pages, newProgress, error, createdAt, updatedAt, seed,
        eventId);
  }

  /** This run failed with {@code failure}. */
  public Run failed(RunError failure) {
    return new Run(runId, RunStatus.FAILED, null, title, inputs, pages, RunProgress.NONE, failure, createdAt,
        updatedAt, seed, eventId);
  }

  /** This run with the story's title and page texts. */
  public Run withStory(Story story) {
    List<RunPage> texts = new ArrayList<>();
    for (RunPage page : pages) {
      texts.add(page.withText(story.pageText(page.page())));
    }
    return new Run(runId, status, stage, story.title(), inputs, texts, progress, error, createdAt, updatedAt, seed,
        eventId);
  }

  /** This run with page {@code index} changed by {@code change}. */
  public Run withPage(int index, UnaryOperator<RunPage> change) {
    List<RunPage> changed = new ArrayList<>(pages);
    changed.set(index, change.apply(pages.get(index)));
    return new Run(runId, status, stage, title, inputs, changed, progress, error, createdAt, updatedAt, seed,
        eventId);
  }

  /** This run as published: stamped with the event id and time. */
  Run stamped(long newEventId, Instant now) {
    return new Run(runId, status, stage, title, inputs, pages, progress, error, createdAt, now, seed, newEventId);
  }

  private int readyMax(java.util.function.Predicate<RunPage> ready) {
    int max = -1;
    while (max + 1 < pages.size() && ready.test(pages.get(max + 1))) {
      max++;
    }
    return max;
  }
}
