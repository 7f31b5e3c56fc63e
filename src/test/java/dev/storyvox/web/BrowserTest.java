package dev.storyvox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.storyvox.ServerProcess;
import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.illustration.FakeComfyUi;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web page in Debian's chromium (headless, driven by playwright-core): a storybook made from typed fields
 * with progress to the end, five pictures and five narrations; a field and an IMYME answer spoken into a fake
 * microphone; IMYME feedback to a score on a phone-sized screen; EventSource stopping (204) once a run or
 * submission it follows is final. Screenshots go to {@code target/browser/}.
 *
 * <p>The servers run in their own JVMs with the real test models. llama.cpp and whisper.cpp cannot share one
 * process yet (their bundled ggml libraries clash and the JVM crashes), so the "books" server has the LLM,
 * ComfyUI (a fake with step progress) and espeak-ng, and the "voice" server has whisper.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class BrowserTest {

  private static final Logger LOG = LoggerFactory.getLogger(BrowserTest.class);
  private static final long SPEC_SECONDS = 100;
  private static Vertx vertx;
  private static FakeComfyUi comfyUi;
  private static ServerProcess books;
  private static ServerProcess voice;

  @BeforeAll
  static void start() throws Exception {
    Optional<String> missing = NodeSpec.missing();
    missing.ifPresent(why -> LOG.warn("browser tests skipped: {}", why));
    assumeTrue(missing.isEmpty(), () -> "browser tests skipped: " + missing.orElseThrow());
    vertx = Vertx.vertx();
    comfyUi = new FakeComfyUi(vertx, 8).start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    books = server("books", new JsonObject()
        .put("llm", new JsonObject().put("model", model("stories260Ktok512.gguf")).put("threads", 1)
            .put("contextSize", 8192))
        .put("story", new JsonObject().put("requireKorean", false))
        .put("comfyui", new JsonObject().put("url", comfyUi.url()))
        .put("stt", new JsonObject().put("model", "absent/whisper.bin")));
    voice = server("voice", new JsonObject()
        .put("stt", new JsonObject().put("model", model("tiny-random-whisper.bin")).put("threads", 1))
        .put("llm", new JsonObject().put("model", "absent/story.gguf")));
  }

  @AfterAll
  static void stop() throws Exception {
    for (ServerProcess server : new ServerProcess[] {books, voice}) {
      if (server != null) {
        server.close();
      }
    }
    if (vertx != null) {
      TestWaits.close(vertx);
    }
  }

  @Test
  void aBookIsMadeFromTypedFieldsWithProgressPicturesAndNarration() throws Exception {
    assertSpecPasses("storybook.spec.mjs", books);
  }

  @Test
  void aFieldAndAnAnswerAreSpokenIntoTheMicrophoneAndAnAnswerFileIsUploaded() throws Exception {
    assertSpecPasses("voice.spec.mjs", voice, TestData.audio("ko_forest.wav").toAbsolutePath().toString());
  }

  @Test
  void practiceFeedbackArrivesWithAScoreOnAPhone() throws Exception {
    assertSpecPasses("practice.spec.mjs", books);
  }

  @Test
  void anEventSourceStopsReconnectingOnceItHasTheFinalEvent() throws Exception {
    assertSpecPasses("eventsource.spec.mjs", books);
  }

  private static void assertSpecPasses(String spec, ServerProcess server, String... extra) throws Exception {
    String baseUrl = "http://127.0.0.1:" + server.awaitPort(60_000);
    NodeSpec.Result result = NodeSpec.run(spec, baseUrl, SPEC_SECONDS, extra);
    LOG.info("{}:\n{}", spec, result.output());
    assertEquals(0, result.exitCode(), () -> spec + " failed:\n" + result.output()
        + "\nserver output (last lines):\n" + String.join("\n", tail(server)));
  }

  private static ServerProcess server(String name, JsonObject settings) throws Exception {
    Path dir = TestServer.tempDir("storyvox-web-" + name);
    JsonObject config = settings.copy()
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 1))
        .put("outputs", new JsonObject().put("dir", dir.resolve("outputs").toString()));
    Path file = Files.writeString(dir.resolve("config.yaml"), config.encodePrettily());
    return ServerProcess.start(Map.of(), "--conf", file.toString());
  }

  private static String model(String name) {
    return TestData.model(name).toAbsolutePath().toString();
  }

  private static java.util.List<String> tail(ServerProcess server) {
    java.util.List<String> lines = server.output();
    return lines.subList(Math.max(0, lines.size() - 40), lines.size());
  }
}
