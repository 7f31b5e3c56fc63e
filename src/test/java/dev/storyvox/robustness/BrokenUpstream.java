package dev.storyvox.robustness;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving upstream service (ComfyUI, RunPod, an OpenAI-compatible server) on a raw TCP port of
 * 127.0.0.1: it resets every connection at once, never answers, or answers every request with one fixed
 * {@code 200} body. Counts the connections it accepted.
 */
final class BrokenUpstream {

  /** How every connection is treated. */
  enum Fault {
    /** Closed as soon as it is accepted. */
    RESET,
    /** Read and never answered. */
    SILENT,
    /** Answered {@code 200 text/html} with a page that is not JSON. */
    NOT_JSON,
    /** Answered {@code 200 application/json} with a JSON object of a shape no API uses. */
    WRONG_SHAPE
  }

  /** The body {@link Fault#NOT_JSON} answers. */
  static final String NOT_JSON_BODY = "<html><body>502 Bad Gateway (proxy)</body></html>";
  /** The body {@link Fault#WRONG_SHAPE} answers. */
  static final String WRONG_SHAPE_BODY = "{\"hello\":[1,2,3],\"status\":42}";

  private final Fault fault;
  private final AtomicInteger connections = new AtomicInteger();
  private NetServer server;

  BrokenUpstream(Fault fault) {
    this.fault = fault;
  }

  Future<BrokenUpstream> start(Vertx vertx) {
    return vertx.createNetServer().connectHandler(this::accept).listen(0, "127.0.0.1").map(s -> {
      server = s;
      return this;
    });
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  int connections() {
    return connections.get();
  }

  private void accept(NetSocket socket) {
    connections.incrementAndGet();
    switch (fault) {
      case RESET -> socket.close();
      case SILENT -> socket.handler(data -> { });
      case NOT_JSON -> answerEachRequest(socket, "text/html", NOT_JSON_BODY);
      case WRONG_SHAPE -> answerEachRequest(socket, "application/json", WRONG_SHAPE_BODY);
      default -> throw new IllegalStateException(fault.name());
    }
  }

  private static void answerEachRequest(NetSocket socket, String type, String body) {
    StringBuilder seen = new StringBuilder();
    socket.handler(data -> {
      seen.append(data.toString(StandardCharsets.ISO_8859_1));
      int end = seen.indexOf("\r\n\r\n");
      if (end < 0) {
        return;
      }
      int length = contentLength(seen.substring(0, end));
      if (seen.length() < end + 4 + length) {
        return;
      }
      seen.delete(0, end + 4 + length);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      socket.write(Buffer.buffer("HTTP/1.1 200 OK\r\ncontent-type: " + type + "\r\ncontent-length: " + bytes.length
          + "\r\nconnection: close\r\n\r\n").appendBytes(bytes)).onComplete(ar -> socket.close());
    });
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }
}
