package dev.storyvox.api;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.story.RunFiles;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import io.vertx.core.file.FileSystemException;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Serves a run's images and narration from {@code <outputs.dir>/<run_id>/}: only the fixed file names
 * (anything else is 400), an ETag from size and modification time with 304 on {@code If-None-Match},
 * and for audio single byte ranges (206/416) so players can seek. Files are streamed with the
 * non-blocking file system.
 */
final class RunFileHandler implements Handler<RoutingContext> {

  /** Which of a run's files a route serves. */
  enum Kind {
    IMAGE("image/png", RunFiles::isImage, "cover.png or panel_1.png … panel_4.png"),
    AUDIO("audio/wav", RunFiles::isAudio, "page_0.wav … page_4.wav");

    private final String contentType;
    private final Predicate<String> names;
    private final String expected;

    Kind(String contentType, Predicate<String> names, String expected) {
      this.contentType = contentType;
      this.names = names;
      this.expected = expected;
    }
  }

  private final Vertx vertx;
  private final Path outputs;
  private final Kind kind;

  RunFileHandler(Vertx vertx, Path outputs, Kind kind) {
    this.vertx = vertx;
    this.outputs = outputs;
    this.kind = kind;
  }

  @Override
  public void handle(RoutingContext rc) {
    String name = rc.pathParam("filename");
    if (!kind.names.test(name)) {
      throw new ServiceException(ErrorCode.INVALID_REQUEST, "filename must be " + kind.expected);
    }
    String runId = RunsApi.runId(rc);
    String file = outputs.resolve(runId).resolve(name).toString();
    vertx.fileSystem().props(file)
        .onSuccess(props -> send(rc, file, props))
        .onFailure(e -> rc.fail(isMissing(e)
            ? new ServiceException(ErrorCode.NOT_FOUND, name + " of run " + runId + " is not ready or does not exist")
            : e));
  }

  private void send(RoutingContext rc, String file, FileProps props) {
    HttpServerResponse response = rc.response();
    String etag = "\"" + Long.toHexString(props.size()) + "-" + Long.toHexString(props.lastModifiedTime()) + "\"";
    response.putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=86400")
        .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
    if (kind == Kind.AUDIO) {
      response.putHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
    }
    if (etag.equals(rc.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatusCode(304).end();
      return;
    }
    ByteRange range = kind == Kind.AUDIO ? ByteRange.parse(rc.request().getHeader("range"), props.size())
        : null;
    if (range != null && !range.satisfiable()) {
      response.setStatusCode(416).putHeader(HttpHeaders.CONTENT_RANGE, range.contentRange(props.size())).end();
      return;
    }
    long offset = range == null ? 0 : range.first();
    long length = range == null ? props.size() : range.length();
    if (range != null) {
      response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE, range.contentRange(props.size()));
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, kind.contentType)
        .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
    vertx.fileSystem().open(file, new OpenOptions().setRead(true).setWrite(false).setCreate(false))
        .onSuccess(f -> f.setReadPos(offset).setReadLength(length).pipeTo(response))
        .onFailure(rc::fail);
  }

  private static boolean isMissing(Throwable e) {
    return e instanceof FileSystemException && e.getCause() instanceof NoSuchFileException;
  }
}
