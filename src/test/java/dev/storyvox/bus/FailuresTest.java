package dev.storyvox.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class FailuresTest {

  @Test
  void recipientFailureKeepsCodeStatusMessageAndDetail(Vertx vertx, VertxTestContext ctx) {
    JsonObject detail = new JsonObject().put("detected", "pdf").put("supported", new JsonArray().add("wav"));
    vertx.eventBus().consumer("test.fail", m -> Failures.fail(m,
        new ServiceException(ErrorCode.UNSUPPORTED_FORMAT, "not audio: pdf", detail)));
    vertx.eventBus().request("test.fail", "x").onComplete(ctx.failing(e -> ctx.verify(() -> {
      ServiceException se = Failures.toService(e);
      assertEquals(ErrorCode.UNSUPPORTED_FORMAT, se.code());
      assertEquals(400, se.status());
      assertEquals("not audio: pdf", se.getMessage());
      assertEquals(detail, se.detail());
      ctx.completeNow();
    })));
  }

  @Test
  void noHandlersMeansModelUnavailable(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().request("nobody.listens", "x").onComplete(ctx.failing(e -> ctx.verify(() -> {
      ServiceException se = Failures.toService(e);
      assertEquals(ErrorCode.MODEL_UNAVAILABLE, se.code());
      assertEquals(503, se.status());
      ctx.completeNow();
    })));
  }

  @Test
  void timeoutMeans504(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().consumer("test.silent", m -> { });
    vertx.eventBus().request("test.silent", "x", new DeliveryOptions().setSendTimeout(100))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          ServiceException se = Failures.toService(e);
          assertEquals(ErrorCode.TIMEOUT, se.code());
          assertEquals(504, se.status());
          ctx.completeNow();
        })));
  }

  @Test
  void unknownFailuresBecomeInternalErrorsWithoutLosingTheStatus() {
    assertEquals(ErrorCode.BUSY, Failures.toService(new ReplyException(
        io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE, 429, "queue full")).code());
    assertEquals(ErrorCode.INTERNAL_ERROR, Failures.toService(new IllegalStateException("boom")).code());
    assertEquals(500, Failures.toService(new IllegalStateException("boom")).status());
  }
}
