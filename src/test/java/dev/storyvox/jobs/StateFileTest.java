package dev.storyvox.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import io.vertx.junit5.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class StateFileTest {

  @Test
  void everyChangeIsPublishedInOrderOnlyOnceItIsOnDisk(Vertx vertx, VertxTestContext ctx) {
    Path file = TestServer.tempDir("statefile").resolve("job.json");
    StateFile state = new StateFile(vertx, file, false);
    int[] current = {0};
    List<String> published = new ArrayList<>();
    List<Future<Void>> saves = new ArrayList<>();
    vertx.runOnContext(v -> {
      for (int i = 1; i <= 20; i++) {
        current[0] = i;
        int change = i;
        saves.add(state.save(() -> Buffer.buffer("{\"n\":" + current[0] + "}"), () -> {
          int onDisk = Integer.parseInt(readQuietly(file).replaceAll("\\D", ""));
          published.add(change + "<=" + onDisk);
        }));
      }
      Future.all(saves).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        assertEquals(20, published.size(), "every change published: " + published);
        for (int i = 0; i < published.size(); i++) {
          String[] parts = published.get(i).split("<=");
          assertEquals(i + 1, Integer.parseInt(parts[0]), "in order: " + published);
          assertTrue(Integer.parseInt(parts[1]) >= i + 1, "published only once on disk: " + published);
        }
        assertEquals("{\"n\":20}", Files.readString(file));
        assertTrue(saves.size() > 2 && saves.get(19) == saves.get(2), "changes made during a write share one");
        ctx.completeNow();
      })));
    });
  }

  @Test
  void aRefusedWriteFailsTypedAndPublishesNothingButAFinalStateIsShownAnyway(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    Path dir = TestServer.tempDir("statefile-refused");
    Path notAFolder = dir.resolve("gone");
    Files.writeString(notAFolder, "a file where a folder should be");
    StateFile state = new StateFile(vertx, notAFolder.resolve("job.json"), false);
    List<String> published = new ArrayList<>();
    vertx.runOnContext(v -> state.save(() -> Buffer.buffer("{}"), () -> published.add("change"))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertEquals(ErrorCode.STORAGE_FAILURE, ((ServiceException) e).code(), e.toString());
          assertTrue(e.getMessage().contains(notAFolder.toString()), "names the folder: " + e.getMessage());
          assertTrue(published.isEmpty(), "nothing shown");
          state.saveFinal(() -> Buffer.buffer("{}"), () -> published.add("final"))
              .onComplete(ctx.failing(again -> ctx.verify(() -> {
                assertEquals(List.of("final"), published);
                try (var files = Files.list(dir)) {
                  assertEquals(1, files.count(), "no temp file left");
                }
                ctx.completeNow();
              })));
        }))));
  }

  @Test
  void settledWaitsForEveryWriteAndNeverFails(Vertx vertx, VertxTestContext ctx) {
    Path file = TestServer.tempDir("statefile-settled").resolve("missing").resolve("job.json");
    StateFile state = new StateFile(vertx, file, false);
    vertx.runOnContext(v -> {
      Future<Void> write = state.save(() -> Buffer.buffer("{}"), () -> { });
      state.settled().onComplete(ctx.succeeding(s -> ctx.verify(() -> {
        assertTrue(write.failed(), "the write ended (refused: no folder) before settled completed");
        assertFalse(Files.exists(file));
        ctx.completeNow();
      })));
    });
  }

  @Test
  void aSnapshotThatThrowsFailsItsSaveAndLeavesNoWritePending(Vertx vertx, VertxTestContext ctx) {
    Path file = TestServer.tempDir("statefile-throws").resolve("job.json");
    StateFile state = new StateFile(vertx, file, false);
    vertx.runOnContext(v -> state.save(() -> {
      throw new IllegalStateException("cannot encode");
    }, () -> ctx.failNow("published a state that was never written"))
        .onComplete(ctx.failing(e -> state.settled()
            .compose(settled -> state.save(() -> Buffer.buffer("{}"), () -> { }))
            .onComplete(ctx.succeeding(next -> ctx.verify(() -> {
              assertEquals("{}", Files.readString(file), "the next save is not held up");
              ctx.completeNow();
            }))))));
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "0";
    }
  }
}
