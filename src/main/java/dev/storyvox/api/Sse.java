package dev.storyvox.api;

import io.netty.buffer.Unpooled;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;

/**
 * One server-sent-events stream: sets the headers, writes {@code id/event/data} frames, sends a keepalive
 * comment when idle, and runs the close handler once whether the client went away or the server ended
 * the stream. A client whose write queue is full is cut off rather than buffered without bound. When the
 * server shuts down, open streams end at once (clients reconnect elsewhere with {@code Last-Event-ID})
 * instead of holding the shutdown for its whole grace period.
 */
public final class Sse {

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final long keepaliveTimer;
  private Handler<Void> closeHandler;
  private boolean closed;

  private Sse(Vertx vertx, RoutingContext rc, long keepaliveMs) {
    this.vertx = vertx;
    this.response = rc.response();
    response.setChunked(true).setStatusCode(200)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache")
        .putHeader("x-accel-buffering", "no");
    response.write(": stream open\n\n");
    this.keepaliveTimer = vertx.setPeriodic(keepaliveMs, id -> comment("keepalive"));
    response.closeHandler(v -> finish());
    response.exceptionHandler(e -> finish());
    rc.request().connection().shutdownHandler(v -> end());
  }

  /** Opens a stream on {@code rc}; keepalive comments every {@code keepaliveMs}. */
  public static Sse open(Vertx vertx, RoutingContext rc, long keepaliveMs) {
    return new Sse(vertx, rc, keepaliveMs);
  }

  /** Runs once when the stream closes, for any reason. */
  public Sse onClose(Handler<Void> handler) {
    this.closeHandler = handler;
    return this;
  }

  /** Writes one event; {@code id} may be null. Returns false when the stream is closed or was cut off. */
  public boolean send(String event, String id, String data) {
    return sendFrame(frame(event, id, data));
  }

  /**
   * Writes an event already framed by {@link #frame}: a fan-out frames an update once and writes the same
   * bytes to every subscriber. Returns false when the stream is closed or was cut off.
   */
  public boolean sendFrame(Buffer frame) {
    if (closed) {
      return false;
    }
    if (response.writeQueueFull()) {
      response.reset();
      finish();
      return false;
    }
    response.write(frame);
    return true;
  }

  /** The bytes of one event: {@code id:} (when given), {@code event:} and one {@code data:} line per line. */
  public static Buffer frame(String event, String id, String data) {
    StringBuilder frame = new StringBuilder(data.length() + 48);
    if (id != null) {
      frame.append("id: ").append(id).append('\n');
    }
    frame.append("event: ").append(event).append('\n');
    for (String line : data.split("\n", -1)) {
      frame.append("data: ").append(line).append('\n');
    }
    return Buffer.buffer(frame.append('\n').toString());
  }

  /**
   * {@link #frame} in off-heap memory, for a fan-out that writes the same frame to many streams: the socket
   * writes it as is, where a heap frame is copied to a direct buffer once per stream.
   */
  public static Buffer sharedFrame(String event, String id, String data) {
    byte[] bytes = frame(event, id, data).getBytes();
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    return BufferInternal.buffer(Unpooled.wrappedBuffer(direct));
  }

  /** Ends the stream. */
  public void end() {
    if (!closed) {
      response.end();
      finish();
    }
  }

  public boolean closed() {
    return closed;
  }

  private void comment(String text) {
    if (!closed && !response.writeQueueFull()) {
      response.write(": " + text + "\n\n");
    }
  }

  private void finish() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(keepaliveTimer);
    if (closeHandler != null) {
      closeHandler.handle(null);
    }
  }
}
