package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.audio.VadAudio;
import dev.storyvox.bus.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The VAD model and FFmpeg load in the background, so deploying speech-to-text does not wait for them; what
 * comes before they are loaded waits for them rather than skipping VAD: silence sent the moment the deployment
 * is up is still an empty transcript without an engine job, and {@code /ready}'s {@code vad} goes from LOADING
 * (or already READY) to READY.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class SttVadLoadingTest {

  @Test
  void aTranscriptionSentAtOnceWaitsForTheVadModel(Vertx vertx, VertxTestContext ctx) {
    byte[] silence = new VadAudio(12).noise(0.002, 3).wav();
    VadTestServer.deploy(vertx, VadTestServer.overrides(new JsonObject()))
        .compose(config -> {
          long before = VadTestServer.engineJobs();
          Future<Readiness> first = VadTestServer.vadReadinessNow(vertx);
          Future<Transcript> transcript = VadTestServer.transcribe(vertx, silence);
          return Future.all(first, transcript).compose(v -> VadTestServer.vadReadiness(vertx)).map(settled -> {
            ctx.verify(() -> {
              assertTrue(List.of(Readiness.LOADING, Readiness.READY).contains(first.result().state()),
                  first.result().toString());
              assertEquals(Readiness.READY, settled.state(), settled.toString());
              assertEquals("", transcript.result().text(), "silence is no speech");
              assertEquals(before, VadTestServer.engineJobs(), "no engine job: VAD ran on it");
            });
            return null;
          });
        })
        .onComplete(ctx.succeedingThenComplete());
  }
}
