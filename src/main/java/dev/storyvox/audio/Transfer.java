package dev.storyvox.audio;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;

/**
 * The state of one fetch across its redirects: a single deadline for the whole transfer, the request in flight
 * (reset when the fetch fails, which closes its connection) and the size limit on the body.
 */
final class Transfer {

  private final Vertx vertx;
  private final long maxBytes;
  private final Promise<FetchedAudio> result = Promise.promise();
  private final long deadline;
  private HttpClientRequest current;

  Transfer(Vertx vertx, long timeoutMs, long maxBytes) {
    this.vertx = vertx;
    this.maxBytes = maxBytes;
    this.deadline = vertx.setTimer(timeoutMs, id -> fail(failure(Reason.TIMED_OUT, "timed out after " + timeoutMs + " ms")));
  }

  Future<FetchedAudio> future() {
    return result.future();
  }

  /** Sends one request of this transfer; nothing is sent once the transfer is over. */
  Future<HttpClientResponse> send(HttpClient client, RequestOptions options) {
    if (isOver()) {
      return Future.failedFuture(result.future().cause());
    }
    return client.request(options).compose(request -> {
      current = request;
      if (isOver()) {
        request.reset();
        return Future.failedFuture(result.future().cause());
      }
      return request.send();
    });
  }

  /** Drops the response in flight (a redirect or an error status) without reading its body. */
  void discard(HttpClientResponse response) {
    response.exceptionHandler(ignored -> { });
    response.request().reset();
  }

  /** Reads the body into memory, failing as soon as it passes the limit, whatever the headers said. */
  void readBody(HttpClientResponse response, String url) {
    response.exceptionHandler(e -> fail(failure("the transfer broke off: " + e.getMessage())));
    long declared = declaredLength(response);
    if (declared > maxBytes) {
      fail(tooLarge());
      return;
    }
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      if (body.length() + (long) chunk.length() > maxBytes) {
        fail(tooLarge());
      } else if (!isOver()) {
        body.appendBuffer(chunk);
      }
    });
    response.endHandler(v -> succeed(new FetchedAudio(body, url, response.getHeader(HttpHeaders.CONTENT_TYPE))));
  }

  /** Ends the transfer with a failure (the first outcome wins) and closes the connection in flight. */
  void fail(Throwable cause) {
    ServiceException failure = cause instanceof ServiceException se ? se
        : failure("the transfer failed: " + cause.getMessage());
    if (result.tryFail(failure)) {
      vertx.cancelTimer(deadline);
      if (current != null) {
        current.reset();
      }
    }
  }

  static ServiceException failure(String message) {
    return failure(Reason.NONE, message);
  }

  static ServiceException failure(Reason reason, String message) {
    return new ServiceException(ErrorCode.DOWNLOAD_FAILURE, reason, message);
  }

  private void succeed(FetchedAudio audio) {
    if (result.tryComplete(audio)) {
      vertx.cancelTimer(deadline);
    }
  }

  private boolean isOver() {
    return result.future().isComplete();
  }

  private ServiceException tooLarge() {
    return failure(Reason.TOO_LARGE, "the audio is larger than " + maxBytes + " bytes");
  }

  private static long declaredLength(HttpClientResponse response) {
    String header = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    try {
      return header == null ? -1 : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
