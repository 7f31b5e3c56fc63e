package dev.storyvox.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import io.vertx.junit5.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class JobQueueTest {

  private final Map<String, Promise<Void>> jobs = new HashMap<>();
  private final List<String> started = new ArrayList<>();

  private JobQueue queue(int concurrent, int queued) {
    return new JobQueue("jobs", concurrent, queued, id -> {
      started.add(id);
      Promise<Void> job = Promise.promise();
      jobs.put(id, job);
      return job.future();
    });
  }

  @Test
  void runsInOrderWithinTheLimitAndRefusesPastTheBound(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> ctx.verify(() -> {
      JobQueue queue = queue(2, 2);
      for (String id : List.of("a", "b", "c", "d")) {
        assertTrue(queue.admit(id, Future::succeededFuture).succeeded());
      }
      assertEquals(List.of("a", "b"), started);
      assertEquals(2, queue.running());
      assertEquals(2, queue.waiting());
      Future<Object> refused = queue.admit("e", Future::succeededFuture);
      assertEquals(ErrorCode.BUSY, ((ServiceException) refused.cause()).code());
      jobs.get("a").fail("a failed");
      assertEquals(List.of("a", "b", "c"), started, "a failed job frees its slot at once");
      assertTrue(queue.remove("d"));
      jobs.get("b").complete();
      assertEquals(List.of("a", "b", "c"), started, "a removed job never starts");
      assertFalse(queue.isRunning("b"));
      ctx.completeNow();
    }));
  }

  @Test
  void aJobIsQueuedOnlyOnceAcknowledgedAndARefusedAcknowledgementFreesItsRoom(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> ctx.verify(() -> {
      JobQueue queue = queue(1, 0);
      Promise<String> write = Promise.promise();
      Future<String> admitted = queue.admit("a", write::future);
      assertEquals(ErrorCode.BUSY, ((ServiceException) queue.admit("b", Future::succeededFuture).cause()).code(),
          "an admission being written holds its room");
      assertTrue(started.isEmpty(), "nothing starts before the acknowledgement");
      write.fail(new ServiceException(ErrorCode.STORAGE_FULL, "full"));
      assertTrue(admitted.failed());
      assertTrue(started.isEmpty());
      assertTrue(queue.admit("c", Future::succeededFuture).succeeded(), "the refused one's room is free again");
      assertEquals(List.of("c"), started);
      ctx.completeNow();
    }));
  }

  @Test
  void resumedJobsRunWithoutTheRoomCheckAndAClosedQueueStartsNothing(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> ctx.verify(() -> {
      JobQueue queue = queue(1, 0);
      queue.resume(List.of("x", "y"));
      assertEquals(List.of("x"), started);
      assertEquals(1, queue.waiting());
      queue.close();
      jobs.get("x").complete();
      assertEquals(List.of("x"), started, "closed: y stays for the next start");
      assertEquals(ErrorCode.UNAVAILABLE,
          ((ServiceException) queue.admit("z", Future::succeededFuture).cause()).code());
      ctx.completeNow();
    }));
  }
}
