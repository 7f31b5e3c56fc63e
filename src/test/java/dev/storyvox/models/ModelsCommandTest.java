package dev.storyvox.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.ServerProcess;
import dev.storyvox.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code storyvox models list|pull} in a real JVM against a loopback model host: output and exit codes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModelsCommandTest {

  private static final String NAME = "for-tests-ggml-tiny.bin";
  private static final byte[] TINY = ModelTestConfig.shared(NAME);

  private Vertx vertx;
  private FakeModelHost host;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    host = new FakeModelHost(vertx).serve("ggerganov/whisper.cpp", NAME, TINY, FakeModelHost.Mode.CUT_ONCE);
    port = host.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Path overlay(Path target, String url) throws Exception {
    JsonArray files = new JsonArray().add(ModelTestConfig.file(target, url,
        ModelTestConfig.TINY_SHA, (long) TINY.length, "stt.model"));
    Path conf = TestServer.tempDir("storyvox-models-conf").resolve("overlay.yaml");
    Files.writeString(conf, ModelTestConfig.overrides(port, files, false).encodePrettily());
    return conf;
  }

  private static ServerProcess run(String... args) throws Exception {
    return ServerProcess.start(Map.of(), args);
  }

  @Test
  void pullFetchesResumesAndExits0ThenListSaysPresent() throws Exception {
    Path target = ModelTestConfig.modelsDir().resolve(NAME);
    Path conf = overlay(target, FakeModelHost.url("ggerganov/whisper.cpp", NAME));
    try (ServerProcess list = run("models", "list", "--conf", conf.toString())) {
      assertEquals(0, list.awaitExit(60_000), list.output().toString());
      assertTrue(list.output().stream().anyMatch(l -> l.startsWith("missing") && l.contains(target.toString())),
          list.output().toString());
    }
    try (ServerProcess pull = run("models", "pull", "--conf", conf.toString())) {
      assertEquals(0, pull.awaitExit(60_000), pull.output().toString());
      assertTrue(pull.output().contains(NAME + " downloaded and verified"), pull.output().toString());
      assertTrue(pull.output().contains("all 1 model files are in place"), pull.output().toString());
    }
    assertArrayEquals(TINY, Files.readAllBytes(target));
    assertTrue(host.ranges().size() >= 2 && host.ranges().get(1).startsWith("bytes="), host.ranges().toString());
    try (ServerProcess again = run("models", "pull", "--conf", conf.toString())) {
      assertEquals(0, again.awaitExit(60_000));
      assertTrue(again.output().contains("all 1 model files are in place"), again.output().toString());
    }
  }

  @Test
  void aFileTheHostDoesNotHaveExits1WithTheReason() throws Exception {
    Path target = ModelTestConfig.modelsDir().resolve(NAME);
    Path conf = overlay(target, FakeModelHost.url("nobody/nothing", "absent.bin"));
    try (ServerProcess pull = run("models", "pull", "--conf", conf.toString())) {
      assertEquals(1, pull.awaitExit(60_000), pull.output().toString());
      assertTrue(pull.output().stream().anyMatch(l -> l.startsWith("download of " + NAME + " failed: not found: http://127.0.0.1:")),
          pull.output().toString());
      assertTrue(pull.output().contains("storyvox: 1 model file(s) could not be downloaded; run the command again to resume"));
    }
    assertTrue(Files.notExists(target));
  }

  @Test
  void badArgumentsAndUnknownProfilesExit2() throws Exception {
    try (ServerProcess pull = run("models", "pull", "--profile", "huge")) {
      assertEquals(2, pull.awaitExit(60_000));
      assertTrue(pull.output().contains(
          "storyvox: config models.profile: unknown profile \"huge\" (known: bundled, large, small, standard)"),
          pull.output().toString());
    }
    try (ServerProcess fetch = run("models", "fetch")) {
      assertEquals(2, fetch.awaitExit(60_000));
      assertEquals("storyvox: unknown models command fetch", fetch.output().get(0));
    }
  }
}
