package dev.storyvox.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.config.TtsConfig;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code tts.synthesize} with the real espeak-ng, its bounded work pool, a missing program, and speech turned off. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class TtsVerticleTest {

  private static final String PAGE = "옛날 옛적에 토끼 한 마리가 숲속에 살았어요.";

  @Test
  void espeakSpeaksKoreanAsAWavThatDecodes(Vertx vertx) throws Exception {
    long tempsBefore = tempWavs();
    deploy(vertx, TtsVerticle::new, "espeak");
    SpeechReply reply = speak(vertx, new SpeechRequest(PAGE, null)).await(20, TimeUnit.SECONDS);
    try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(reply.wav()))) {
      double seconds = audio.getFrameLength() / audio.getFormat().getFrameRate();
      assertTrue(seconds > 0.3, "speech lasts " + seconds + " s");
      assertEquals(seconds, reply.durationSeconds(), 0.01, "duration read from the WAV header");
    }
    assertEquals(tempsBefore, tempWavs(), "the temporary WAV is deleted");
    Readiness r = ready(vertx).await(5, TimeUnit.SECONDS);
    assertEquals(Readiness.READY, r.state());
    assertTrue(r.reason().contains("eSpeak NG"), r.reason());
  }

  @Test
  void aMissingProgramFailsWithTheInstallHint() {
    EspeakEngine engine = new EspeakEngine("/nonexistent/espeak-ng", 150, 50, 5000);
    ServiceException e = assertThrows(ServiceException.class, () -> engine.synthesize(PAGE, "ko"));
    assertEquals(ErrorCode.TTS_FAILURE, e.code());
    assertTrue(e.getMessage().contains("apt-get install espeak-ng"), e.getMessage());
    assertEquals(Readiness.UNAVAILABLE, engine.probe().state());
  }

  @Test
  void aMissingProgramMakesTheVerticleUnavailable(Vertx vertx) throws Exception {
    deploy(vertx, settings -> new TtsVerticle(settings, new EspeakEngine("/nonexistent/espeak-ng", 150, 50, 5000)), "espeak");
    ServiceException e = failure(speak(vertx, new SpeechRequest(PAGE, "ko")));
    assertEquals(ErrorCode.TTS_FAILURE, e.code());
    assertTrue(e.getMessage().contains("apt-get install espeak-ng"), e.getMessage());
    Readiness r = ready(vertx).await(5, TimeUnit.SECONDS);
    assertEquals(Readiness.UNAVAILABLE, r.state());
    assertTrue(r.reason().contains("apt-get install espeak-ng"), r.reason());
  }

  @Test
  void engineNoneIsDisabled(Vertx vertx) throws Exception {
    deploy(vertx, TtsVerticle::new, "none");
    assertEquals(Readiness.DISABLED, ready(vertx).await(5, TimeUnit.SECONDS).state());
    assertEquals(ErrorCode.UNAVAILABLE, failure(speak(vertx, new SpeechRequest(PAGE, null))).code());
  }

  @Test
  void pagesBeyondTheConfiguredWorkersAndQueueAreBusy(Vertx vertx) throws Exception {
    deploy(vertx, TtsVerticle::new, new JsonObject().put("engine", "espeak").put("workers", 1).put("queueSize", 1));
    List<Future<SpeechReply>> pages = IntStream.range(0, 6)
        .mapToObj(i -> speak(vertx, new SpeechRequest(PAGE + " " + i, null))).toList();
    Future.join(pages).transform(ar -> Future.succeededFuture()).await(30, TimeUnit.SECONDS);
    List<ServiceException> refused = pages.stream().filter(Future::failed).map(f -> Failures.toService(f.cause()))
        .toList();
    long spoken = pages.stream().filter(Future::succeeded).count();
    assertTrue(spoken >= 2, "one page runs and one waits: " + refused);
    assertTrue(!refused.isEmpty(), "one worker and one waiting place cannot take six pages at once");
    for (ServiceException e : refused) {
      assertEquals(ErrorCode.BUSY, e.code(), e.getMessage());
      assertEquals(429, e.status());
      assertTrue(e.getMessage().contains("tts-espeak is busy: 1 requests"), e.getMessage());
    }
    assertEquals(6, spoken + refused.size());
  }

  @Test
  void aVoiceThatLooksLikeAnOptionIsRefused(Vertx vertx) throws Exception {
    deploy(vertx, TtsVerticle::new, "espeak");
    assertEquals(ErrorCode.INVALID_REQUEST, failure(speak(vertx, new SpeechRequest(PAGE, "--help"))).code());
  }

  private static void deploy(Vertx vertx, Function<TtsConfig, Deployable> verticle, String engine) throws Exception {
    deploy(vertx, verticle, new JsonObject().put("engine", engine));
  }

  private static void deploy(Vertx vertx, Function<TtsConfig, Deployable> verticle, JsonObject tts) throws Exception {
    RecordCodec.register(vertx);
    JsonObject config = TestServer.config(vertx, new JsonObject().put("tts", tts)).await(5, TimeUnit.SECONDS);
    vertx.deployVerticle(verticle.apply(StoryvoxConfig.from(config).tts())).await(5, TimeUnit.SECONDS);
  }

  private static Future<SpeechReply> speak(Vertx vertx, SpeechRequest request) {
    return vertx.eventBus().<SpeechReply>request(Addresses.TTS_SYNTHESIZE, request).map(Message::body);
  }

  private static Future<Readiness> ready(Vertx vertx) {
    return vertx.eventBus().<Readiness>request(Addresses.READY + "tts", new ReadinessQuery("tts")).map(Message::body)
        .compose(r -> Readiness.LOADING.equals(r.state())
            ? Future.future(p -> vertx.setTimer(100, id -> ready(vertx).onComplete(p))) : Future.succeededFuture(r));
  }

  private static ServiceException failure(Future<?> future) {
    try {
      future.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return Failures.toService(e);
    }
    throw new AssertionError("expected a failure");
  }

  private static long tempWavs() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("storyvox-tts-")).count();
    }
  }
}
