package dev.storyvox.story;

import dev.storyvox.jobs.StateFile;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * One run in the store: its newest state (what the pipeline works from, possibly ahead of the disk), its
 * event log, its state file, and what readers are shown: only the states and events already on disk.
 */
final class RunEntry {

  private final StateFile file;
  private final List<RunUpdate> events;
  private Run run;
  private Run shown;
  private String shownJson;
  private int shownEvents;
  private boolean onDisk;

  /** An entry for {@code run} and its {@code events}; {@code onDisk} when they were read from its file. */
  RunEntry(StateFile file, Run run, List<RunUpdate> events, boolean onDisk) {
    this.file = file;
    this.run = run;
    this.events = new ArrayList<>(events);
    this.shown = run;
    this.shownEvents = events.size();
    this.onDisk = onDisk;
  }

  /** Whether any state of the run is on disk: before that, readers do not see the run at all. */
  boolean onDisk() {
    return onDisk;
  }

  StateFile file() {
    return file;
  }

  /** The newest state, which may not be on disk yet. */
  Run run() {
    return run;
  }

  /** Records a change; readers see it once {@link #show} is called for it. */
  void set(Run changed, RunUpdate update) {
    run = changed;
    events.add(update);
  }

  /** Shows readers the state {@code saved} and every event up to {@code update}: they are on disk. */
  void show(Run saved, RunUpdate update) {
    if (saved.eventId() < shown.eventId()) {
      return;
    }
    shown = saved;
    shownJson = null;
    onDisk = true;
    int index = events.indexOf(update);
    shownEvents = Math.max(shownEvents, index + 1);
  }

  /** The run as readers see it. */
  Run shown() {
    return shown;
  }

  /** The shown run as its API JSON, made once per shown change (status reads far outnumber changes). */
  String json() {
    if (shownJson == null) {
      shownJson = RunJson.run(shown).encode();
    }
    return shownJson;
  }

  /** The newest shown event, or null before the first. */
  RunUpdate lastEvent() {
    return shownEvents == 0 ? null : events.get(shownEvents - 1);
  }

  /** Every logged event, for the state file. */
  List<RunUpdate> events() {
    return List.copyOf(events);
  }

  /** The shown events with an id above {@code id}. */
  List<RunUpdate> eventsAfter(long id) {
    return events.subList(0, shownEvents).stream().filter(e -> e.id() > id).toList();
  }

  /** Completes when every write asked for so far has ended. */
  Future<Void> settled() {
    return file.settled();
  }
}
