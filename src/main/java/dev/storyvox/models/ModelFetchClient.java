package dev.storyvox.models;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.DownloadConfig;
import dev.storyvox.config.ModelFileConfig;
import dev.storyvox.config.ModelsConfig;
import dev.storyvox.config.RetryPolicyConfig;
import dev.storyvox.net.AddressGuard;
import dev.storyvox.net.FetchTarget;
import dev.storyvox.retry.Retry;
import dev.storyvox.store.AtomicFiles;
import dev.storyvox.store.StorageFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches model files over HTTP(S), safely. The body streams into {@code <file>.part} beside the target and is
 * hashed (SHA-256) as it arrives; a cut, a stall or a 429/5xx is tried again under {@code retry.models},
 * resuming with a {@code Range} request from what is on disk (a restart resumes the same way). The free disk
 * space is checked against the size still to come before a byte is written. A file whose hash or size is not
 * the manifest's is deleted and refused; a good one is forced to disk and renamed into place atomically.
 * Every hop (redirects included) passes the audio downloads' {@link AddressGuard} ({@code download.*}).
 */
public final class ModelFetchClient {

  private static final Logger LOG = LoggerFactory.getLogger(ModelFetchClient.class);
  private static final int MAX_REDIRECTS = 5;
  private static final long SPACE_SLACK_BYTES = 64L * 1024 * 1024;

  private final Vertx vertx;
  private final ModelsConfig models;
  private final AddressGuard guard;
  private final Retry retry;
  private final HttpClientAgent client;

  /** A client with its own HTTP connection pool; {@link #close()} it when done. */
  public ModelFetchClient(Vertx vertx, ModelsConfig models, DownloadConfig download, RetryPolicyConfig retry) {
    this.vertx = vertx;
    this.models = models;
    this.guard = new AddressGuard(download);
    this.retry = new Retry(vertx, "models", retry, ModelFetchClient::retryable);
    // Keep-alive: a server that closes the connection right after the body would cut a response this client
    // holds paused (opening the part file, a slow disk), and the tail still queued would be lost.
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDecompressionSupported(false)
        .setForceSni(true).setConnectTimeout(30_000));
  }

  /** Downloads {@code file} into place; fails with a {@link ServiceException} saying why. */
  public Future<Void> fetch(ModelFileConfig file, Consumer<ModelProgress> progress) {
    Path target = Path.of(file.path());
    Path part = partOf(target);
    String url = models.urlOf(file);
    return vertx.fileSystem().mkdirs(target.toAbsolutePath().getParent().toString())
        .compose(v -> retry.run(() -> attempt(file, url, part, progress)))
        .compose(hash -> verify(file, part, hash))
        .compose(v -> vertx.<Void>executeBlocking(() -> {
          AtomicFiles.commit(part, target);
          return null;
        }, false));
  }

  /** The partial file of {@code target}: {@code <name>.part} in the same folder. */
  public static Path partOf(Path target) {
    return target.resolveSibling(target.getFileName() + ".part");
  }

  /** Closes the HTTP client. */
  public Future<Void> close() {
    return client.close();
  }

  /** One try: resumes from the part on disk; answers the whole file's SHA-256 when the body ended. */
  private Future<String> attempt(ModelFileConfig file, String url, Path part, Consumer<ModelProgress> progress) {
    return vertx.executeBlocking(() -> PartialFile.open(part, file.bytes()), false).compose(partial -> {
      if (file.bytes() != null && partial.length() == file.bytes()) {
        return Future.succeededFuture(partial.hash());
      }
      ServiceException full = file.bytes() == null ? null : space(file, file.bytes(), partial.length(), part);
      if (full != null) {
        return Future.failedFuture(full);
      }
      return request(url, partial.length()).compose(response -> {
        if (response.statusCode() == 416 && partial.length() > 0
            && ("bytes */" + partial.length()).equals(response.getHeader("Content-Range"))) {
          discard(response);
          return Future.succeededFuture(partial.hash());
        }
        ServiceException refused = refusal(url, response, partial.length());
        if (refused != null) {
          discard(response);
          return Future.failedFuture(refused);
        }
        boolean resumed = response.statusCode() == 206;
        long from = resumed ? partial.length() : 0;
        long total = totalOf(response, from);
        ServiceException wrong = checkSize(file, total, from, part);
        if (wrong != null) {
          discard(response);
          return Future.failedFuture(wrong);
        }
        if (!resumed) {
          partial.digest().reset();
        }
        if (from > 0) {
          LOG.info("resuming {} at {} bytes", file.name(), from);
        }
        long expected = file.bytes() != null ? file.bytes() : total;
        RateMeter meter = new RateMeter(file.path(), expected, progress);
        return vertx.fileSystem().open(part.toString(), new OpenOptions().setWrite(true).setCreate(true)
                .setAppend(resumed).setTruncateExisting(!resumed))
            .compose(out -> new ModelTransfer(vertx, out, partial.digest(), from, models.idleTimeoutMs())
                .run(response, meter::bytes))
            .compose(length -> expected > 0 && length != expected
                ? Future.failedFuture(ModelTransfer.cut("the body ended at " + length + " of " + expected + " bytes"))
                : Future.succeededFuture(PartialFile.hex(partial.digest())));
      });
    });
  }

  /** A GET of {@code url} from {@code offset}, redirects followed by hand, each hop's address checked. */
  private Future<HttpClientResponse> request(String url, long offset) {
    FetchTarget target;
    try {
      target = FetchTarget.parse(url);
    } catch (ServiceException e) {
      return Future.failedFuture(new ServiceException(ErrorCode.DOWNLOAD_FAILURE, Reason.REMOTE_REJECTED,
          e.getMessage(), e));
    }
    return request(target, offset, 0);
  }

  private Future<HttpClientResponse> request(FetchTarget target, long offset, int redirects) {
    return vertx.executeBlocking(() -> guard.check(target.resolvableHost(), ErrorCode.DOWNLOAD_FAILURE), false)
        .compose(address -> {
          RequestOptions options = target.request(HttpMethod.GET, address);
          if (offset > 0) {
            options.putHeader("Range", "bytes=" + offset + "-");
          }
          return client.request(options).compose(request -> request.send().onSuccess(HttpClientResponse::pause));
        })
        .recover(e -> Future.failedFuture(Failures.toService(e).code() == ErrorCode.DOWNLOAD_FAILURE ? e
            : new ServiceException(ErrorCode.DOWNLOAD_FAILURE, Reason.UNREACHABLE, "cannot reach " + target.host()
                + ": " + e.getMessage(), e)))
        .compose(response -> {
          String location = response.getHeader(HttpHeaders.LOCATION);
          if (response.statusCode() / 100 != 3 || location == null) {
            return Future.succeededFuture(response);
          }
          discard(response);
          if (redirects == MAX_REDIRECTS) {
            return Future.failedFuture(new ServiceException(ErrorCode.DOWNLOAD_FAILURE, Reason.REMOTE_REJECTED,
                target.uri() + " redirected more than " + MAX_REDIRECTS + " times"));
          }
          return request(target.redirect(location), offset, redirects + 1);
        });
  }

  private static ServiceException refusal(String url, HttpClientResponse response, long offset) {
    int status = response.statusCode();
    if (status == 200 || status == 206 && contentRangeStart(response) == offset) {
      return null;
    }
    if (status == 206 || status == 416) {
      return ModelTransfer.cut("the server answered " + status + " to a resume at " + offset + " bytes");
    }
    return new ServiceException(ErrorCode.DOWNLOAD_FAILURE, Reason.ofStatus(status),
        (status == 404 ? "not found: " : "the server answered " + status + " for ") + url);
  }

  private static ServiceException checkSize(ModelFileConfig file, long total, long from, Path part) {
    if (file.bytes() != null && total > 0 && total != file.bytes()) {
      return new ServiceException(ErrorCode.DOWNLOAD_FAILURE, Reason.BAD_ANSWER, "the server offers " + total
          + " bytes for " + file.name() + ", the manifest says " + file.bytes());
    }
    return space(file, file.bytes() != null ? file.bytes() : total, from, part);
  }

  /** Refuses to start when the disk holding {@code part} lacks room for what is still to come. */
  private static ServiceException space(ModelFileConfig file, long size, long from, Path part) {
    long free = StorageFailure.usableSpace(part);
    if (size > 0 && free >= 0 && free < size - from + SPACE_SLACK_BYTES) {
      return new ServiceException(ErrorCode.STORAGE_FULL, "not enough disk space for " + file.name() + ": it needs "
          + mb(size - from + SPACE_SLACK_BYTES) + " MB free in " + part.toAbsolutePath().getParent() + ", "
          + mb(free) + " MB are");
    }
    return null;
  }

  private Future<Void> verify(ModelFileConfig file, Path part, String hash) {
    if (file.sha256() == null) {
      LOG.warn("{} has no sha256 in the manifest, so it is not verified; its sha256 is {} (add it to pin the file)",
          file.name(), hash);
      return Future.succeededFuture();
    }
    if (file.sha256().equals(hash)) {
      LOG.info("{} verified (sha256 {})", file.name(), hash);
      return Future.succeededFuture();
    }
    return vertx.fileSystem().delete(part.toString()).otherwiseEmpty().compose(v -> Future.failedFuture(
        new ServiceException(ErrorCode.DOWNLOAD_FAILURE, Reason.BAD_ANSWER, "sha256 mismatch for " + file.name()
            + ": expected " + file.sha256() + ", got " + hash + "; the download was deleted")));
  }

  private static long totalOf(HttpClientResponse response, long from) {
    String range = response.getHeader("Content-Range");
    if (range != null && range.contains("/") && !range.endsWith("/*")) {
      return Long.parseLong(range.substring(range.lastIndexOf('/') + 1).trim());
    }
    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    return length == null ? -1 : from + Long.parseLong(length.trim());
  }

  private static long contentRangeStart(HttpClientResponse response) {
    String range = response.getHeader("Content-Range");
    try {
      return range == null ? -1 : Long.parseLong(range.replaceFirst("^bytes\\s+(\\d+)-.*$", "$1"));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean retryable(ServiceException e) {
    return e.code() == ErrorCode.DOWNLOAD_FAILURE && switch (e.reason()) {
      case TRANSPORT, TIMED_OUT, UNREACHABLE, THROTTLED, REMOTE_ERROR -> true;
      default -> false;
    };
  }

  private static void discard(HttpClientResponse response) {
    response.exceptionHandler(ignored -> { });
    response.request().reset();
  }

  private static long mb(long bytes) {
    return (bytes + 999_999) / 1_000_000;
  }
}
