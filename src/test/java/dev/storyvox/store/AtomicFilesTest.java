package dev.storyvox.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class AtomicFilesTest {

  @Test
  void concurrentWritesLeaveOneWholeVersionAndNoTempFiles(Vertx vertx, VertxTestContext ctx) {
    Path dir = TestServer.tempDir("atomic").resolve("nested");
    Path target = dir.resolve("run.json");
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      writes.add(AtomicFiles.write(vertx, target, Buffer.buffer(("{\"n\":" + i + "}").repeat(1000)), true));
    }
    Future.all(writes).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      String text = Files.readString(target);
      assertTrue(text.matches("(\\{\"n\":(\\d+)\\})\\1{999}"), "one whole version, not a mix");
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(List.of("run.json"), files.map(p -> p.getFileName().toString()).toList());
      }
      ctx.completeNow();
    })));
  }

  @Test
  void recognisesTempFiles() {
    assertTrue(AtomicFiles.isTemp(".run.json.0b8c.tmp"));
    assertEquals(false, AtomicFiles.isTemp("run.json"));
  }
}
