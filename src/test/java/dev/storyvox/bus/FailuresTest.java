package dev.storyvox.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
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

  @Test
  void theReasonCrossesTheBusWithCodeStatusMessageAndDetail(Vertx vertx, VertxTestContext ctx) {
    JsonObject detail = new JsonObject().put("capability", "llm").put("state", "LOADING");
    vertx.eventBus().consumer("test.loading", m -> Failures.fail(m, new ServiceException(ErrorCode.MODEL_UNAVAILABLE,
        503, Reason.MODEL_LOADING, "the model is still loading", detail, null)));
    vertx.eventBus().request("test.loading", "x").onComplete(ctx.failing(e -> ctx.verify(() -> {
      ServiceException se = Failures.toService(e);
      assertEquals(ErrorCode.MODEL_UNAVAILABLE, se.code());
      assertEquals(503, se.status());
      assertEquals(Reason.MODEL_LOADING, se.reason());
      assertEquals("the model is still loading", se.getMessage());
      assertEquals(detail, se.detail());
      ctx.completeNow();
    })));
  }

  @Test
  void aFailureWithoutReasonKeepsTheWireTextAndDecodesToNone() {
    ServiceException plain = new ServiceException(ErrorCode.BUSY, "queue full");
    assertEquals("BUSY: queue full", Failures.encode(plain));
    ServiceException decoded = Failures.decode(429, Failures.encode(plain));
    assertEquals(ErrorCode.BUSY, decoded.code());
    assertEquals(Reason.NONE, decoded.reason());
    assertEquals("queue full", decoded.getMessage());
  }

  @Test
  void theReasonIsTypedNotReadFromTheMessage() {
    ServiceException loading = Failures.decode(503, Failures.encode(
        new ServiceException(ErrorCode.MODEL_UNAVAILABLE, Reason.MODEL_LOADING, "whatever the words")));
    assertEquals(Reason.MODEL_LOADING, loading.reason());
    assertEquals("whatever the words", loading.getMessage());
    ServiceException sameWords = Failures.decode(503, Failures.encode(
        new ServiceException(ErrorCode.MODEL_UNAVAILABLE, "the model is still loading")));
    assertEquals(Reason.NONE, sameWords.reason(), "words alone say nothing");
    assertEquals(Reason.NONE, Failures.decode(503, "MODEL_UNAVAILABLE: x\u001fNO_SUCH_REASON").reason());
    assertEquals("x", Failures.decode(503, "MODEL_UNAVAILABLE: x\u001fNO_SUCH_REASON").getMessage());
  }

  @Test
  void storageCodesHaveTheirStatuses() {
    assertEquals(507, ErrorCode.STORAGE_FULL.status());
    assertEquals(503, ErrorCode.STORAGE_FAILURE.status());
    ServiceException full = Failures.decode(507, "STORAGE_FULL: disk full");
    assertEquals(ErrorCode.STORAGE_FULL, full.code());
    assertEquals(ErrorCode.STORAGE_FULL, Failures.decode(507, "no code here").code());
    ServiceException failed = Failures.decode(503, "STORAGE_FAILURE: read-only file system");
    assertEquals(ErrorCode.STORAGE_FAILURE, failed.code());
    assertEquals(503, failed.status());
  }

  @Test
  void busFailuresHaveTypedReasons(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().request("nobody.listens", "x").onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertEquals(Reason.NO_ENGINE, Failures.toService(e).reason());
      assertTrue(Failures.is(e, Reason.NO_ENGINE));
      assertEquals(Reason.TIMED_OUT, Failures.toService(new ReplyException(ReplyFailure.TIMEOUT, "t")).reason());
      ServiceException transport = Failures.toService(new ReplyException(ReplyFailure.ERROR, -1, "connection reset"));
      assertEquals(ErrorCode.UNAVAILABLE, transport.code());
      assertEquals(Reason.TRANSPORT, transport.reason());
      ctx.completeNow();
    })));
  }
}
