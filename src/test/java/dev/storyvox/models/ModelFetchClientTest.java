package dev.storyvox.models;

import static dev.storyvox.models.ModelTestConfig.TINY_SHA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.ModelFileConfig;
import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ModelFetchClientTest {

  private static final String REPO = "ggerganov/whisper.cpp";
  private static final String NAME = "for-tests-ggml-tiny.bin";
  private static final byte[] TINY = ModelTestConfig.shared(NAME);

  private FakeModelHost host;
  private ModelFetchClient client;

  @AfterEach
  void close() throws Exception {
    if (client != null) {
      client.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
    if (host != null) {
      host.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  private Future<Void> fetch(Vertx vertx, FakeModelHost.Mode mode, Path target, String sha, Long bytes,
                             boolean allowLoopback, List<ModelProgress> events) throws Exception {
    host = new FakeModelHost(vertx);
    if (mode != null) {
      host.serve(REPO, NAME, TINY, mode);
    }
    int port = host.start().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    JsonObject entry = ModelTestConfig.file(target, FakeModelHost.url(REPO, NAME), sha, bytes, "stt.model");
    JsonObject overrides = ModelTestConfig.overrides(port, new JsonArray().add(entry), true);
    overrides.getJsonObject("download").put("allowPrivateNetworks", allowLoopback);
    StoryvoxConfig config = TestServer.config(vertx, overrides).map(StoryvoxConfig::from)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    ModelFileConfig file = config.models().selected().get(0);
    client = new ModelFetchClient(vertx, config.models(), config.download(), config.retry().models());
    return client.fetch(file, events::add);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static ServiceException failure(Future<?> future) {
    try {
      await(future);
    } catch (Exception e) {
      return Failures.toService(e.getCause());
    }
    throw new AssertionError("the download should have failed");
  }

  @Test
  void downloadsThroughTheRedirectVerifiesAndPutsTheFileInPlace(Vertx vertx) throws Exception {
    Path target = ModelTestConfig.modelsDir().resolve(NAME);
    await(fetch(vertx, FakeModelHost.Mode.NORMAL, target, TINY_SHA, (long) TINY.length, true,
        new CopyOnWriteArrayList<>()));
    assertArrayEquals(TINY, Files.readAllBytes(target));
    assertFalse(Files.exists(ModelFetchClient.partOf(target)), "no partial file is left");
    assertEquals(List.of("-"), host.ranges());
  }

  @Test
  void aCutMidBodyIsResumedWithARangeRequest(Vertx vertx) throws Exception {
    Path target = ModelTestConfig.modelsDir().resolve(NAME);
    await(fetch(vertx, FakeModelHost.Mode.CUT_ONCE, target, TINY_SHA, null, true, new CopyOnWriteArrayList<>()));
    assertArrayEquals(TINY, Files.readAllBytes(target));
    assertEquals("-", host.ranges().get(0));
    long resumedAt = Long.parseLong(host.ranges().get(1).replaceAll("^bytes=(\\d+)-$", "$1"));
    assertTrue(resumedAt > 0 && resumedAt < TINY.length, host.ranges().toString());
  }

  @Test
  void aPartialFileFromAnEarlierRunIsResumedNotRefetched(Vertx vertx) throws Exception {
    Path target = ModelTestConfig.modelsDir().resolve(NAME);
    Files.createDirectories(target.getParent());
    Files.write(ModelFetchClient.partOf(target), Arrays.copyOf(TINY, 100_000));
    await(fetch(vertx, FakeModelHost.Mode.NORMAL, target, TINY_SHA, (long) TINY.length, true,
        new CopyOnWriteArrayList<>()));
    assertEquals(List.of("bytes=100000-"), host.ranges());
    assertArrayEquals(TINY, Files.readAllBytes(target), "the resumed file verifies against the full sha256");
  }

  @Test
  void wrongBytesAreRefusedAndDeleted(Vertx vertx) throws Exception {
    Path target = ModelTestConfig.modelsDir().resolve(NAME);
    ServiceException e = failure(fetch(vertx, FakeModelHost.Mode.WRONG_BYTES, target, TINY_SHA, null, true,
        new CopyOnWriteArrayList<>()));
    assertEquals(Reason.BAD_ANSWER, e.reason());
    assertTrue(e.getMessage().startsWith("sha256 mismatch for " + NAME + ": expected " + TINY_SHA), e.getMessage());
    assertTrue(e.getMessage().endsWith("the download was deleted"), e.getMessage());
    assertFalse(Files.exists(target));
    assertFalse(Files.exists(ModelFetchClient.partOf(target)));
    assertEquals(1, host.ranges().size(), "a checksum refusal is not retried: " + host.ranges());
  }

  @Test
  void notFoundFailsAtOnce(Vertx vertx) throws Exception {
    Path target = ModelTestConfig.modelsDir().resolve(NAME);
    ServiceException e = failure(fetch(vertx, null, target, TINY_SHA, null, true, new CopyOnWriteArrayList<>()));
    assertEquals(ErrorCode.DOWNLOAD_FAILURE, e.code());
    assertEquals(Reason.REMOTE_REJECTED, e.reason());
    assertTrue(e.getMessage().startsWith("not found: http://127.0.0.1:"), e.getMessage());
    assertFalse(Files.exists(target));
  }

  @Test
  void notEnoughDiskSpaceIsRefusedBeforeAnyByte(Vertx vertx) throws Exception {
    Path target = ModelTestConfig.modelsDir().resolve(NAME);
    ServiceException e = failure(fetch(vertx, FakeModelHost.Mode.NORMAL, target, null, 1_000_000_000_000_000L,
        true, new CopyOnWriteArrayList<>()));
    assertEquals(ErrorCode.STORAGE_FULL, e.code());
    assertTrue(e.getMessage().matches("not enough disk space for " + NAME + ": it needs 1,?000,?000,?0\\d\\d MB free in .*"
        + ", \\d+ MB are|not enough disk space for " + NAME + ": it needs \\d+ MB free in .*, \\d+ MB are"),
        e.getMessage());
    assertEquals(List.of(), host.ranges(), "nothing was requested");
  }

  @Test
  void theDownloadGuardOfAudioUrlsApplies(Vertx vertx) throws Exception {
    Path target = ModelTestConfig.modelsDir().resolve(NAME);
    ServiceException e = failure(fetch(vertx, FakeModelHost.Mode.NORMAL, target, TINY_SHA, null, false,
        new CopyOnWriteArrayList<>()));
    assertEquals(Reason.REFUSED_ADDRESS, e.reason());
    assertTrue(e.getMessage().startsWith("refused address 127.0.0.1"), e.getMessage());
  }

  @Test
  void aSlowDripReportsProgressWithSizeAndRate(Vertx vertx) throws Exception {
    Path target = ModelTestConfig.modelsDir().resolve(NAME);
    List<ModelProgress> events = new CopyOnWriteArrayList<>();
    await(fetch(vertx, FakeModelHost.Mode.DRIP, target, TINY_SHA, null, true, events));
    assertTrue(events.size() >= 3, events.toString());
    long last = -1;
    for (ModelProgress p : events) {
      assertEquals(ModelProgress.DOWNLOADING, p.state());
      assertEquals(TINY.length, p.total());
      assertTrue(p.received() > last && p.received() <= TINY.length, events.toString());
      assertTrue(p.percent() >= 0 && p.percent() <= 100);
      assertTrue(p.describe().matches("downloading " + NAME + " \\d+ % \\(0 of 0 MB, 0 MB/s\\)"), p.describe());
      last = p.received();
    }
  }

  @Test
  void progressReadsAsTheIssueShowsIt() {
    ModelProgress p = new ModelProgress("models/ggml-large-v3-turbo.bin", ModelProgress.DOWNLOADING, 690_000_000L,
        1_600_000_000L, 12_000_000L, null);
    assertEquals("downloading ggml-large-v3-turbo.bin 43 % (690 of 1,600 MB, 12 MB/s)", p.describe());
  }
}
