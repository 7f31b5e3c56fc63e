package dev.storyvox.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.DownloadConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fetcher against a local origin on 127.0.0.1; no test dials anything but loopback. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class AudioFetcherTest {

  private static final long MB = 1024 * 1024;

  private final OriginServer origin = new OriginServer();
  private Vertx vertx;
  private AudioFetcher fetcher;

  @BeforeEach
  void startOrigin(Vertx vertx) throws Exception {
    this.vertx = vertx;
    origin.start(vertx);
  }

  @AfterEach
  void closeFetcher() throws Exception {
    if (fetcher != null) {
      fetcher.close().await(5, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource({
      "http://127.0.0.1:PORT/audio, loopback",
      "http://127.1:PORT/audio, loopback",
      "http://2130706433:PORT/audio, loopback",
      "http://0x7f000001:PORT/audio, loopback",
      "http://0177.0.0.1:PORT/audio, loopback",
      "http://0x7f.1:PORT/audio, loopback",
      "http://127.0.0.1.:PORT/audio, loopback",
      "http://localhost:PORT/audio, loopback",
      "http://LocalHost:PORT/audio, loopback",
      "http://[::1]:PORT/audio, loopback",
      "http://[::ffff:127.0.0.1]:PORT/audio, loopback",
      "http://0.0.0.0:PORT/audio, unspecified",
      "http://user@127.0.0.1:PORT/audio, loopback",
  })
  void refusesLoopbackInAnySpelling(String url, String reason) throws Exception {
    ServiceException failure = failure(guarded().fetch(url.replace("PORT", String.valueOf(origin.port()))));

    assertEquals(ErrorCode.INVALID_URL, failure.code());
    assertTrue(failure.getMessage().contains("(" + reason + ")"), failure.getMessage());
    assertTrue(failure.getMessage().startsWith("refused address "), failure.getMessage());
    assertEquals(Reason.REFUSED_ADDRESS, failure.reason());
    assertEquals("refused", AudioFetcher.failureReason(failure));
    assertEquals(0, origin.connections.get());
  }

  @ParameterizedTest(name = "''{0}'' is not a URL to fetch")
  @ValueSource(strings = {"ftp://127.0.0.1/a.wav", "file:///etc/passwd", "not a url", "http://", "", "http:///a.wav",
      "https://:443/a.wav", "http://127.0.0.1:99999/a.wav",
      "http://256.0.0.1/a.wav", "http://0x1ffffffff/a.wav", "jar:http://127.0.0.1/a.jar!/x"})
  void rejectsWhatIsNotAnHttpUrl(String url) throws Exception {
    ServiceException failure = failure(open(new DownloadConfig(MB, 5_000, true, List.of())).fetch(url));

    assertEquals(ErrorCode.INVALID_URL, failure.code());
    assertEquals(0, origin.connections.get());
  }

  @Test
  void fetchesFromAnAllowedHostButNotAfterARedirectToLoopback() throws Exception {
    AudioFetcher allowLocalhost = open(new DownloadConfig(MB, 20_000, false, List.of("localhost")));

    FetchedAudio audio = allowLocalhost.fetch(url("localhost", "/audio")).await(10, TimeUnit.SECONDS);
    assertEquals(OriginServer.AUDIO, audio.body());
    assertEquals("audio/wav", audio.contentType());

    ServiceException failure = failure(allowLocalhost.fetch(url("localhost", "/to-loopback")));
    assertEquals(ErrorCode.DOWNLOAD_FAILURE, failure.code());
    assertTrue(failure.getMessage().startsWith("refused address 127.0.0.1 (loopback)"), failure.getMessage());
    assertEquals(1, origin.hits("/to-loopback"));
    assertEquals(1, origin.hits("/audio"));
  }

  @Test
  void followsThreeRedirectsButNotFour() throws Exception {
    AudioFetcher open = open(new DownloadConfig(MB, 5_000, true, List.of()));

    ServiceException failure = failure(open.fetch(url("127.0.0.1", "/hops/4")));
    assertEquals(ErrorCode.DOWNLOAD_FAILURE, failure.code());
    assertTrue(failure.getMessage().contains("redirected more than 3 times"), failure.getMessage());
    assertEquals(1, origin.hits("/hops/1"));
    assertEquals(0, origin.hits("/hops/0"));

    FetchedAudio audio = open.fetch(url("127.0.0.1", "/hops/2")).await(10, TimeUnit.SECONDS);
    assertEquals(OriginServer.AUDIO, audio.body());
    assertEquals(url("127.0.0.1", "/audio"), audio.finalUrl());
    assertEquals(1, origin.hits("/audio"));
  }

  @ParameterizedTest(name = "origin status {0}")
  @ValueSource(ints = {403, 404, 500})
  void namesTheStatusTheOriginAnswered(int status) throws Exception {
    ServiceException failure = failure(open(new DownloadConfig(MB, 5_000, true, List.of()))
        .fetch(url("127.0.0.1", "/status/" + status)));

    assertEquals(ErrorCode.DOWNLOAD_FAILURE, failure.code());
    assertTrue(failure.getMessage().startsWith("origin answered " + status), failure.getMessage());
    assertEquals(status == 500 ? Reason.REMOTE_ERROR : Reason.REMOTE_REJECTED, failure.reason());
    assertEquals("status", AudioFetcher.failureReason(failure));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/chunked", "/honest-big", "/unframed"})
  void stopsReadingAtTheSizeLimit(String path) throws Exception {
    int port = path.equals("/unframed") ? origin.rawPort() : origin.port();
    Future<FetchedAudio> fetch = open(new DownloadConfig(MB, 10_000, true, List.of()))
        .fetch("http://127.0.0.1:" + port + path);

    ServiceException failure = failure(fetch);
    assertEquals(ErrorCode.DOWNLOAD_FAILURE, failure.code());
    assertEquals("the audio is larger than 1048576 bytes", failure.getMessage());
    assertEquals("too_large", AudioFetcher.failureReason(failure));
  }

  @Test
  void keepsNoMoreThanALyingContentLengthDeclared() throws Exception {
    Future<FetchedAudio> fetch = open(new DownloadConfig(MB, 10_000, true, List.of()))
        .fetch("http://127.0.0.1:" + origin.rawPort() + "/lying");

    FetchedAudio audio = fetch.await(10, TimeUnit.SECONDS);
    assertEquals(10, audio.body().length());
  }

  @Test
  void givesUpOnAStalledOriginAtTheDeadline() throws Exception {
    long start = System.nanoTime();
    ServiceException failure = failure(open(new DownloadConfig(MB, 500, true, List.of()))
        .fetch(url("127.0.0.1", "/stall")));
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertEquals(ErrorCode.DOWNLOAD_FAILURE, failure.code());
    assertEquals("timed out after 500 ms", failure.getMessage());
    assertEquals("timeout", AudioFetcher.failureReason(failure));
    assertTrue(elapsedMs >= 450 && elapsedMs < 2_000, "took " + elapsedMs + " ms");
  }

  @Test
  void metricLabelsComeFromTheReasonNotTheWords() {
    assertEquals("other", AudioFetcher.failureReason(
        new ServiceException(ErrorCode.DOWNLOAD_FAILURE, "timed out, refused address, larger than")));
    assertEquals("timeout", AudioFetcher.failureReason(
        new ServiceException(ErrorCode.DOWNLOAD_FAILURE, Reason.TIMED_OUT, "no words to match")));
  }

  private AudioFetcher guarded() {
    return open(new DownloadConfig(MB, 5_000, false, List.of()));
  }

  private AudioFetcher open(DownloadConfig config) {
    fetcher = new AudioFetcher(vertx, config);
    return fetcher;
  }

  private String url(String host, String path) {
    return "http://" + host + ":" + origin.port() + path;
  }

  private static ServiceException failure(Future<?> future) throws Exception {
    Throwable cause = future.transform(Future::succeededFuture).await(30, TimeUnit.SECONDS).cause();
    return assertInstanceOf(ServiceException.class, cause, () -> "expected a failure, got " + future.result());
  }
}
