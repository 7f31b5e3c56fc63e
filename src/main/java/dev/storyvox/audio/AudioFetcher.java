package dev.storyvox.audio;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.DownloadConfig;
import dev.storyvox.metrics.StoryvoxMetrics;
import dev.storyvox.net.AddressGuard;
import dev.storyvox.net.FetchTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads audio from a user-supplied URL without blocking the event loop, guarded against server-side request
 * forgery and oversized bodies.
 *
 * <p>Only http and https are fetched. Each hop's host is resolved first and every address it resolves to must
 * pass {@link AddressGuard} (unless {@code download.allowPrivateNetworks} is set or the host is listed in
 * {@code download.allowedHosts}); the request then dials exactly the address that was checked, keeping the host
 * name for the {@code Host} header and TLS, so a second DNS answer cannot redirect it. At most
 * {@value #MAX_REDIRECTS} redirects are followed, each checked the same way. {@code download.timeoutMs} bounds the
 * whole transfer, redirects included, and {@code download.maxBytes} bounds the body as it streams in. Every failure
 * is a {@link ServiceException} with code {@code INVALID_URL} (the URL itself) or {@code DOWNLOAD_FAILURE}.
 */
public final class AudioFetcher {

  /** The most redirects one fetch follows. */
  public static final int MAX_REDIRECTS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(AudioFetcher.class);

  private final Vertx vertx;
  private final DownloadConfig config;
  private final AddressGuard guard;
  private final HttpClientAgent client;

  /** A fetcher with its own HTTP client; {@link #close()} it when done. */
  public AudioFetcher(Vertx vertx, DownloadConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.guard = new AddressGuard(config);
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setKeepAlive(false)
        .setDecompressionSupported(false)
        .setConnectTimeout((int) Math.min(config.timeoutMs(), Integer.MAX_VALUE)));
  }

  /** Fetches the URL into memory; the future fails with a {@link ServiceException}. */
  public Future<FetchedAudio> fetch(String url) {
    FetchTarget target;
    try {
      target = FetchTarget.parse(url);
    } catch (ServiceException e) {
      return Future.failedFuture(e);
    }
    Transfer transfer = new Transfer(vertx, config.timeoutMs(), config.maxBytes());
    hop(target, 0, transfer);
    return transfer.future()
        .onSuccess(audio -> StoryvoxMetrics.downloadBytes().increment(audio.body().length()))
        .onFailure(e -> StoryvoxMetrics.downloadFailures(failureReason(e)).increment());
  }

  /** The metric label of a failed download, from its typed reason. */
  static String failureReason(Throwable e) {
    return switch (Failures.toService(e).reason()) {
      case REFUSED_ADDRESS, UNKNOWN_HOST -> "refused";
      case TIMED_OUT -> "timeout";
      case TOO_LARGE -> "too_large";
      case THROTTLED, REMOTE_ERROR, REMOTE_REJECTED -> "status";
      default -> "other";
    };
  }

  /**
   * Checks that {@code url} is one this fetcher would try (an absolute http(s) URL with a host and a valid
   * port) without resolving or fetching it; throws {@code INVALID_URL} otherwise.
   */
  public static void validate(String url) {
    FetchTarget.parse(url);
  }

  /** Closes the HTTP client. */
  public Future<Void> close() {
    return client.close();
  }

  private void hop(FetchTarget target, int redirects, Transfer transfer) {
    vertx.executeBlocking(() -> checkedAddress(target, redirects), false)
        .compose(address -> transfer.send(client, target.request(HttpMethod.GET, address)))
        .onSuccess(response -> answer(target, redirects, response, transfer))
        .onFailure(transfer::fail);
  }

  private void answer(FetchTarget target, int redirects, HttpClientResponse response, Transfer transfer) {
    int status = response.statusCode();
    String location = response.getHeader(HttpHeaders.LOCATION);
    if (isRedirect(status) && location != null) {
      transfer.discard(response);
      if (redirects == MAX_REDIRECTS) {
        transfer.fail(Transfer.failure("the origin redirected more than " + MAX_REDIRECTS + " times"));
        return;
      }
      try {
        hop(target.redirect(location), redirects + 1, transfer);
      } catch (ServiceException e) {
        transfer.fail(e);
      }
    } else if (status / 100 != 2) {
      transfer.discard(response);
      transfer.fail(Transfer.failure(Reason.ofStatus(status), "origin answered " + status + " for " + target.uri()));
    } else {
      transfer.readBody(response, target.uri().toString());
    }
  }

  /**
   * Resolves the host (blocking, so it runs on a worker) and returns the one address that will be dialled.
   * A refused first URL is the caller's {@code INVALID_URL} (400); a redirect to a refused host is the
   * origin's {@code DOWNLOAD_FAILURE}.
   */
  private InetAddress checkedAddress(FetchTarget target, int redirects) {
    InetAddress address = guard.check(target.resolvableHost(),
        redirects == 0 ? ErrorCode.INVALID_URL : ErrorCode.DOWNLOAD_FAILURE);
    LOG.debug("fetching {} from {}", target.uri(), address.getHostAddress());
    return address;
  }


  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }
}
