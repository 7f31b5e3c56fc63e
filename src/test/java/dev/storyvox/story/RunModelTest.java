package dev.storyvox.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.jobs.Retention;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Run ids, ready pages, the run.json round trip and which runs retention lets go. */
class RunModelTest {

  private static final RunInputs INPUTS = new RunInputs("현대", "숲", "토끼", "우정", true);

  @Test
  void idsSortByCreationTimeAndHaveTheContractShape() {
    Instant t = Instant.parse("2026-01-22T13:07:41.005Z");
    String first = RunIds.create(t);
    String later = RunIds.create(t.plusMillis(1));
    assertTrue(first.startsWith("20260122_130741_005"), first);
    assertTrue(RunIds.isValid(first));
    assertTrue(later.compareTo(first) > 0);
    for (String bad : new String[] {null, "", "20260122_130741", "20260122_130741_A3F2C1", "../20260122_130741_a3f2c1"}) {
      assertFalse(RunIds.isValid(bad), bad);
    }
  }

  @Test
  void readyPagesCountOnlyAnUnbrokenRunFromTheCover() {
    Run run = Run.queued("20260122_130741_a3f2c1", INPUTS, Instant.now(), 7);
    assertEquals(-1, run.readyMaxPage());
    run = run.withPage(1, p -> p.withImage("card"));
    assertEquals(-1, run.readyMaxPage(), "panel 1 without the cover is not readable yet");
    run = run.withPage(0, p -> p.withImage("card")).withPage(0, RunPage::withAudio);
    assertEquals(1, run.readyMaxPage());
    assertEquals(0, run.readyMaxAudioPage());
  }

  @Test
  void runJsonRoundTripsWithItsEventLog() {
    Run run = Run.queued("20260122_130741_a3f2c1", INPUTS, Instant.parse("2026-01-22T13:07:41Z"), 42)
        .withStatus(RunStatus.RUNNING).atStage(Stage.PANEL_2).withPage(0, p -> p.withImage("comfyui"))
        .stamped(9, Instant.parse("2026-01-22T13:08:00Z"));
    List<RunUpdate> events = List.of(new RunUpdate(9, RunJson.event(run).encode(), false));
    JsonObject file = RunJson.file(run, events);
    assertEquals(run, RunJson.fromFile(new JsonObject(file.encode())));
    assertEquals(events, RunJson.eventsFromFile(file));
    assertEquals("/api/runs/20260122_130741_a3f2c1/images/cover.png",
        RunJson.run(run).getJsonArray("pages").getJsonObject(0).getString("image_url"));
    assertNull(RunJson.event(run).getValue("error"), "no error key while nothing failed");
  }

  @Test
  void runJsonBytesCopyTheEventLogAsEncoded() {
    Run run = Run.queued("20260122_130741_a3f2c1", INPUTS, Instant.parse("2026-01-22T13:07:41Z"), 42)
        .withStatus(RunStatus.RUNNING).atStage(Stage.COVER).stamped(2, Instant.parse("2026-01-22T13:08:00Z"));
    Run failed = run.failed(new RunError(Stage.COVER, "COMFYUI_FAILURE", "렌더 \"실패\"\n")).stamped(3, Instant.now());
    List<RunUpdate> events = List.of(new RunUpdate(2, RunJson.event(run).encode(), false),
        new RunUpdate(3, RunJson.event(failed).encode(), true));
    assertEquals(RunJson.file(failed, events).encode(), RunJson.fileBuffer(failed, events).toString());
    assertEquals(RunJson.file(run, List.of()).encode(), RunJson.fileBuffer(run, List.of()).toString());
    assertEquals(events, RunJson.eventsFromFile(RunJson.fileBuffer(failed, events).toJsonObject()));
  }

  @Test
  void retentionKeepsTheNewestAndEveryLiveRun() {
    List<Run> newestFirst = new ArrayList<>();
    for (int i = 9; i >= 0; i--) {
      RunStatus status = i == 1 ? RunStatus.RUNNING : i == 2 ? RunStatus.QUEUED : RunStatus.DONE;
      newestFirst.add(Run.queued("20260122_13074" + i + "_000000", INPUTS, Instant.now(), 1).withStatus(status));
    }
    List<String> expired = Retention.expired(newestFirst, 3, r -> r.status().isFinal()).stream().map(Run::runId).toList();
    assertEquals(List.of("20260122_130746_000000", "20260122_130745_000000", "20260122_130744_000000",
        "20260122_130743_000000", "20260122_130740_000000"), expired);
  }
}
