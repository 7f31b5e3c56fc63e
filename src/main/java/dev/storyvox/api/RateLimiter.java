package dev.storyvox.api;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.LimitsConfig;
import io.vertx.core.Handler;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-client token buckets on {@code /api/**} and {@code /v1/**}, keyed by the client's API key
 * ({@code x-internal-secret} or a bearer token) or else its address. An empty bucket answers 429
 * RATE_LIMITED with {@code Retry-After}. One instance serves every HTTP verticle of the process (it is
 * {@link Shareable}); at most {@value #MAX_CLIENTS} clients are tracked, the least recently seen dropped first.
 */
final class RateLimiter implements Handler<RoutingContext>, Shareable {

  static final int MAX_CLIENTS = 100_000;
  private final double perSecond;
  private final double burst;
  private final Map<String, double[]> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
      return size() > MAX_CLIENTS;
    }
  };

  RateLimiter(LimitsConfig limits) {
    this.perSecond = limits.requestsPerSecond();
    this.burst = limits.burst();
  }

  @Override
  public void handle(RoutingContext rc) {
    if (!ApiFamily.of(rc.request().path()).protectedByAuth()) {
      rc.next();
      return;
    }
    double wait = take(clientKey(rc), System.nanoTime());
    if (wait <= 0) {
      rc.next();
    } else {
      long retryAfter = (long) Math.ceil(wait);
      rc.response().putHeader("Retry-After", Long.toString(retryAfter));
      rc.fail(new ServiceException(ErrorCode.RATE_LIMITED,
          "too many requests from this client; retry in " + retryAfter + " s"));
    }
  }

  /** Takes one token; answers 0 when granted, else the seconds until a token is available. */
  synchronized double take(String client, long nowNanos) {
    double[] bucket = buckets.computeIfAbsent(client, k -> new double[] {burst, nowNanos});
    double tokens = Math.min(burst, bucket[0] + (nowNanos - bucket[1]) / 1e9 * perSecond);
    bucket[1] = nowNanos;
    if (tokens >= 1) {
      bucket[0] = tokens - 1;
      return 0;
    }
    bucket[0] = tokens;
    return (1 - tokens) / perSecond;
  }

  private static String clientKey(RoutingContext rc) {
    String key = rc.request().getHeader(AuthHandler.HEADER);
    String auth = rc.request().getHeader("authorization");
    if (key == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = auth.substring(7).trim();
    }
    return key != null ? "key:" + key : "ip:" + rc.request().remoteAddress().hostAddress();
  }
}
