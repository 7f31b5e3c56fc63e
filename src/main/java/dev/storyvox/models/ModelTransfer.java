package dev.storyvox.models;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.http.HttpClientResponse;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * One response body streamed onto the end of a partial file: each chunk is hashed and appended, the response is
 * paused while the file's write queue is full (the idle clock stops meanwhile: a slow disk is not a stalled
 * server), and a body that stops for {@code idleTimeoutMs} is cut. The
 * file is flushed to disk and closed however it ends, so what arrived is kept for the next try to resume.
 */
final class ModelTransfer {

  private final Vertx vertx;
  private final AsyncFile file;
  private final MessageDigest digest;
  private final long idleTimeoutMs;
  private final Promise<Long> done = Promise.promise();
  private long received;
  private long idleTimer;
  private boolean finished;

  /**
   * @param received bytes already in the file (and in {@code digest})
   */
  ModelTransfer(Vertx vertx, AsyncFile file, MessageDigest digest, long received, long idleTimeoutMs) {
    this.vertx = vertx;
    this.file = file;
    this.digest = digest;
    this.received = received;
    this.idleTimeoutMs = idleTimeoutMs;
  }

  /** Streams {@code response}'s body into the file; answers the bytes in the file when the body ended. */
  Future<Long> run(HttpClientResponse response, LongConsumer onBytes) {
    response.exceptionHandler(e -> finish(cut("the transfer broke off: " + e.getMessage())));
    response.handler(chunk -> {
      if (finished) {
        return;
      }
      restartIdleTimer(response);
      digest.update(chunk.getBytes());
      received += chunk.length();
      file.write(chunk);
      if (file.writeQueueFull()) {
        vertx.cancelTimer(idleTimer);
        response.pause();
        file.drainHandler(v -> {
          restartIdleTimer(response);
          response.resume();
        });
      }
      onBytes.accept(received);
    });
    response.endHandler(v -> finish(null));
    file.exceptionHandler(e -> {
      response.request().reset();
      finish(new ServiceException(ErrorCode.STORAGE_FAILURE, "cannot write the model file: " + e.getMessage(), e));
    });
    restartIdleTimer(response);
    response.resume();
    return done.future();
  }

  private void restartIdleTimer(HttpClientResponse response) {
    vertx.cancelTimer(idleTimer);
    idleTimer = vertx.setTimer(idleTimeoutMs, id -> {
      response.request().reset();
      finish(new ServiceException(ErrorCode.DOWNLOAD_FAILURE, Reason.TIMED_OUT,
          "nothing arrived for " + idleTimeoutMs + " ms (models.idleTimeoutMs)"));
    });
  }

  private void finish(ServiceException failure) {
    vertx.cancelTimer(idleTimer);
    if (finished) {
      return;
    }
    finished = true;
    Future<Void> closed = file.flush().eventually(file::close);
    closed.onComplete(ar -> {
      if (failure != null) {
        done.tryFail(failure);
      } else if (ar.failed()) {
        done.tryFail(new ServiceException(ErrorCode.STORAGE_FAILURE, "cannot write the model file: "
            + ar.cause().getMessage(), ar.cause()));
      } else {
        done.tryComplete(received);
      }
    });
  }

  static ServiceException cut(String message) {
    return new ServiceException(ErrorCode.DOWNLOAD_FAILURE, Reason.TRANSPORT, message);
  }
}
