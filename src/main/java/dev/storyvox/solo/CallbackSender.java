package dev.storyvox.solo;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.RetryPolicyConfig;
import dev.storyvox.net.AddressGuard;
import dev.storyvox.net.FetchTarget;
import dev.storyvox.retry.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a final submission to the caller's {@code callbackUrl}. The host is checked by {@link AddressGuard}
 * (the download rules) and the checked address is dialled; redirects are not followed. A failed delivery
 * (refused, unreachable, non-2xx, over {@code solo.callbackTimeoutMs}) is tried again under the
 * {@code retry.callback} policy ({@link Retry}), then logged; it never changes the stored submission.
 */
final class CallbackSender {

  private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);

  private final Vertx vertx;
  private final AddressGuard guard;
  private final long timeoutMs;
  private final Retry retry;
  private final HttpClientAgent client;


  /** A sender whose failed deliveries are tried again under {@code policy} ({@code retry.callback}). */
  CallbackSender(Vertx vertx, AddressGuard guard, long timeoutMs, RetryPolicyConfig policy) {
    this.vertx = vertx;
    this.guard = guard;
    this.timeoutMs = timeoutMs;
    this.retry = new Retry(vertx, "callback", policy, failure -> failure.reason() != Reason.REFUSED_ADDRESS);
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
        .setConnectTimeout((int) Math.min(timeoutMs, Integer.MAX_VALUE)));
  }

  /** Refuses a callback URL that is not an absolute http(s) URL with a host and a valid port (400 INVALID_URL). */
  static FetchTarget parse(String url) {
    try {
      return FetchTarget.parse(url);
    } catch (ServiceException e) {
      throw new ServiceException(ErrorCode.INVALID_URL, "callbackUrl must be an absolute http(s) URL, not " + url);
    }
  }

  /** Delivers {@code body} to {@code url}; the future succeeds once delivered and fails after the last try. */
  Future<Void> deliver(String url, JsonObject body) {
    FetchTarget target = parse(url);
    Buffer bytes = body.toBuffer();
    return retry.run(() -> post(target, bytes))
        .onSuccess(v -> LOG.info("callback delivered to {}", url))
        .onFailure(e -> LOG.warn("callback to {} failed: {}", url, e.getMessage()));
  }

  /** Closes the HTTP client. */
  Future<Void> close() {
    return client.close();
  }

  private Future<Void> post(FetchTarget target, Buffer body) {
    return vertx.executeBlocking(() -> guard.check(target.resolvableHost(), ErrorCode.INVALID_URL), false)
        .compose(address -> client.request(target.request(HttpMethod.POST, address).setTimeout(timeoutMs)))
        .compose(request -> request.putHeader("content-type", "application/json; charset=utf-8").send(body))
        .compose(response -> response.body().compose(ignored -> response.statusCode() / 100 == 2
            ? Future.<Void>succeededFuture()
            : Future.failedFuture(new ServiceException(ErrorCode.UNAVAILABLE,
                Reason.ofStatus(response.statusCode()), "callback answered " + response.statusCode()))));
  }
}
