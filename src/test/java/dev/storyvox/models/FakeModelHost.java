package dev.storyvox.models;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A model host on loopback as Hugging Face serves files: {@code GET /<repo>/resolve/main/<file>} answers with a
 * 302 to the file's CDN path, which answers 200 with the whole body or, for {@code Range: bytes=N-}, 206 with
 * {@code Content-Range}. Files can be served cut once mid-body, as a slow drip, with wrong bytes, or not at all
 * (404).
 */
final class FakeModelHost {

  /** How a file is served. */
  enum Mode { NORMAL, CUT_ONCE, DRIP, WRONG_BYTES }

  private final Vertx vertx;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Mode> modes = new ConcurrentHashMap<>();
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private final Map<String, Boolean> cut = new ConcurrentHashMap<>();
  private HttpServer server;

  FakeModelHost(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Integer> start() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(0, "127.0.0.1").map(HttpServer::actualPort);
  }

  /** Serves {@code body} at {@code /<repo>/resolve/main/<name>}. */
  FakeModelHost serve(String repo, String name, byte[] body, Mode mode) {
    files.put(name, body);
    modes.put(name, mode);
    return this;
  }

  /** The URL relative to the host, as a manifest writes it. */
  static String url(String repo, String name) {
    return repo + "/resolve/main/" + name;
  }

  /** The Range header of each CDN request ({@code -} when none), in order. */
  List<String> ranges() {
    return ranges;
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    int resolve = path.indexOf("/resolve/main/");
    if (resolve >= 0) {
      String name = path.substring(resolve + "/resolve/main/".length());
      if (!files.containsKey(name)) {
        request.response().setStatusCode(404).end("Entry not found");
        return;
      }
      request.response().setStatusCode(302).putHeader("Location", "/cdn/" + name).end();
      return;
    }
    String name = path.startsWith("/cdn/") ? path.substring(5) : "";
    byte[] body = files.get(name);
    if (body == null) {
      request.response().setStatusCode(404).end();
      return;
    }
    String range = request.getHeader("Range");
    ranges.add(range == null ? "-" : range);
    long from = range == null ? 0 : Long.parseLong(range.replaceAll("^bytes=(\\d+)-.*$", "$1"));
    HttpServerResponse response = request.response();
    if (from >= body.length) {
      response.setStatusCode(416).putHeader("Content-Range", "bytes */" + body.length).end();
      return;
    }
    byte[] served = body.clone();
    Mode mode = modes.get(name);
    if (mode == Mode.WRONG_BYTES) {
      served[served.length / 2] ^= 0x5a;
    }
    if (range != null) {
      response.setStatusCode(206).putHeader("Content-Range",
          "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
    }
    response.putHeader("Content-Length", String.valueOf(body.length - from));
    Buffer rest = Buffer.buffer(served).slice((int) from, body.length);
    if (mode == Mode.CUT_ONCE && cut.putIfAbsent(name, true) == null) {
      response.write(rest.slice(0, rest.length() / 2)).onComplete(v -> request.connection().close());
    } else if (mode == Mode.DRIP) {
      drip(response, rest, 0);
    } else {
      response.end(rest);
    }
  }

  private void drip(HttpServerResponse response, Buffer rest, int at) {
    int chunk = Math.max(1, rest.length() / 20);
    if (at >= rest.length()) {
      response.end();
      return;
    }
    int end = Math.min(rest.length(), at + chunk);
    response.write(rest.slice(at, end));
    vertx.setTimer(60, id -> drip(response, rest, end));
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
