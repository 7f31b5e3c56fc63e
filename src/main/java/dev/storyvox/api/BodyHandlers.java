package dev.storyvox.api;

import dev.storyvox.config.HttpConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;

/**
 * Reads request bodies with the limit of their kind: JSON bodies up to {@code http.maxBodyBytes} kept in
 * memory; multipart uploads up to {@code http.maxUploadBytes} streamed to a temp folder that is cleaned
 * when the request ends. Over the limit the request fails with 413.
 */
final class BodyHandlers implements Handler<RoutingContext> {

  private final BodyHandler json;
  private final BodyHandler upload;

  BodyHandlers(HttpConfig http) {
    this.json = BodyHandler.create(false).setBodyLimit(http.maxBodyBytes());
    this.upload = BodyHandler.create(true)
        .setBodyLimit(http.maxUploadBytes())
        .setUploadsDirectory(Path.of(System.getProperty("java.io.tmpdir"), "storyvox-uploads").toString())
        .setDeleteUploadedFilesOnEnd(true)
        .setMergeFormAttributes(false);
  }

  @Override
  public void handle(RoutingContext rc) {
    String type = rc.request().getHeader("content-type");
    if (type != null && type.regionMatches(true, 0, "multipart/", 0, 10)) {
      upload.handle(rc);
    } else {
      json.handle(rc);
    }
  }
}
