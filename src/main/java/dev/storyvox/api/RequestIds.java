package dev.storyvox.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a client's {@code X-Request-Id} (or makes one), returns it on the response, and logs one line
 * per request with method, path, status, milliseconds and the id.
 */
public final class RequestIds implements Handler<RoutingContext> {

  /** The header carrying the request id. */
  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Logger LOG = LoggerFactory.getLogger("storyvox.access");

  @Override
  public void handle(RoutingContext rc) {
    String given = rc.request().getHeader(HEADER);
    String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    rc.put(KEY, id);
    rc.response().putHeader(HEADER, id);
    long start = System.nanoTime();
    rc.addEndHandler(v -> LOG.info("{} {} {} {}ms id={}", rc.request().method(), rc.request().path(),
        rc.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000, id));
    rc.next();
  }

  /** The id of a request, or "-" before this handler ran. */
  public static String of(RoutingContext rc) {
    String id = rc.get(KEY);
    return id == null ? "-" : id;
  }
}
