package dev.storyvox.api;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Refuses, with 400, any {@code /api/runs/**} path that tries to leave a run's folder: dot segments,
 * back slashes, empty segments, a file name with more segments, or any percent escape (no run id or file
 * name needs one, so encoded and double-encoded dots and slashes never reach the router's decoder).
 * It looks at the raw path, before the router decodes or normalises it.
 */
final class RunPathGuard implements Handler<RoutingContext> {

  private static final String PREFIX = "/api/runs/";
  private static final Pattern FILE_ROUTE = Pattern.compile("/api/runs/[^/]*/(images|audio)/.*/.*");

  @Override
  public void handle(RoutingContext rc) {
    String raw = rc.request().path();
    if (raw != null && raw.startsWith(PREFIX) && isTraversal(raw)) {
      rc.fail(new ServiceException(ErrorCode.INVALID_REQUEST, "the path names no file of a run"));
      return;
    }
    rc.next();
  }

  static boolean isTraversal(String path) {
    return path.contains("..") || path.contains("\\") || path.contains("%") || path.contains("//")
        || FILE_ROUTE.matcher(path).matches();
  }
}
