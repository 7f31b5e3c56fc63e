package dev.storyvox.stt;

import dev.storyvox.TestData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test origin on 127.0.0.1 serving the shared audio fixtures at {@code /audio/<name>}, an HTML page at
 * {@code /page.html} and 404 elsewhere (missing files included); it counts the connections it accepts.
 */
public final class FixtureOrigin {

  /** Connections accepted so far. */
  public final AtomicInteger connections = new AtomicInteger();
  private HttpServer server;

  /** Starts the origin on a free port. */
  public Future<FixtureOrigin> start(Vertx vertx) {
    return vertx.createHttpServer()
        .connectionHandler(connection -> connections.incrementAndGet())
        .requestHandler(FixtureOrigin::serve)
        .listen(0, "127.0.0.1")
        .map(started -> {
          server = started;
          return this;
        });
  }

  /** The URL of {@code path} on this origin. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  private static void serve(HttpServerRequest request) {
    String path = request.path();
    Path audio = path.startsWith("/audio/") ? TestData.audio(path.substring("/audio/".length())).normalize() : null;
    if (audio != null && audio.startsWith(TestData.audio("")) && Files.isRegularFile(audio)) {
      request.response().sendFile(audio.toString());
    } else if (path.equals("/page.html")) {
      request.response().putHeader("content-type", "text/html").end("<!DOCTYPE html><html><body>hi</body></html>");
    } else {
      request.response().setStatusCode(404).end();
    }
  }
}
