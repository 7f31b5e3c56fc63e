package dev.storyvox.audio;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test origin on 127.0.0.1 that counts connections and hits per path. The HTTP server serves audio, error
 * statuses, redirect chains, chunked and stalled bodies; a raw TCP server sends framing a well-behaved server
 * would not ({@code /lying}: Content-Length 10 followed by megabytes, {@code /unframed}: no length, body until
 * close).
 */
final class OriginServer {

  static final Buffer AUDIO = Buffer.buffer("RIFF").appendBuffer(Buffer.buffer(new byte[4092]));
  static final int FLOOD_BYTES = 5 * 1024 * 1024;

  final AtomicInteger connections = new AtomicInteger();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private HttpServer http;
  private NetServer raw;

  void start(Vertx vertx) throws Exception {
    http = vertx.createHttpServer()
        .connectionHandler(connection -> connections.incrementAndGet())
        .requestHandler(this::handle)
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    raw = vertx.createNetServer()
        .connectHandler(this::handleRaw)
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  int port() {
    return http.actualPort();
  }

  int rawPort() {
    return raw.actualPort();
  }

  int hits(String path) {
    return hits.getOrDefault(path, new AtomicInteger()).get();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    HttpServerResponse response = request.response();
    if (path.equals("/audio")) {
      response.putHeader("content-type", "audio/wav").end(AUDIO);
    } else if (path.startsWith("/status/")) {
      response.setStatusCode(Integer.parseInt(path.substring("/status/".length()))).end("no");
    } else if (path.startsWith("/hops/")) {
      int left = Integer.parseInt(path.substring("/hops/".length()));
      String next = left == 0 ? "/audio" : "/hops/" + (left - 1);
      response.setStatusCode(302).putHeader("location", next).end();
    } else if (path.equals("/to-loopback")) {
      response.setStatusCode(302).putHeader("location", "http://127.0.0.1:" + port() + "/audio").end();
    } else if (path.equals("/chunked")) {
      response.setChunked(true);
      for (int sent = 0; sent < FLOOD_BYTES; sent += 64 * 1024) {
        response.write(Buffer.buffer(new byte[64 * 1024]));
      }
      response.end();
    } else if (path.equals("/honest-big")) {
      response.end(Buffer.buffer(new byte[FLOOD_BYTES]));
    } else if (path.equals("/stall")) {
      response.setChunked(true).write("RIFF");
    } else {
      response.setStatusCode(404).end();
    }
  }

  private void handleRaw(NetSocket socket) {
    connections.incrementAndGet();
    socket.handler(request -> {
      boolean lying = request.toString().startsWith("GET /lying ");
      hits.computeIfAbsent(lying ? "/lying" : "/unframed", p -> new AtomicInteger()).incrementAndGet();
      String head = lying ? "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n" : "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n";
      socket.write(head);
      for (int sent = 0; sent < FLOOD_BYTES; sent += 64 * 1024) {
        socket.write(Buffer.buffer(new byte[64 * 1024]));
      }
      socket.end();
    });
  }
}
