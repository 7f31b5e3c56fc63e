package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.audio.VadAudio;
import dev.storyvox.bus.Readiness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Without VAD ({@code stt.vad: none}, or a VAD model that is not there) every recording goes to the engine
 * whole, and {@code /ready} says why VAD is off. Each test deploys its own server.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class SttVadOffTest {

  @Test
  void vadNonePassesSilenceToTheEngine(Vertx vertx, VertxTestContext ctx) {
    VadTestServer.deploy(vertx, VadTestServer.overrides(new JsonObject().put("vad", "none")))
        .compose(c -> VadTestServer.vadReadiness(vertx))
        .compose(ready -> {
          ctx.verify(() -> {
            assertEquals(Readiness.DISABLED, ready.state());
            assertEquals("stt.vad is none: all audio is transcribed", ready.reason());
          });
          long before = VadTestServer.engineJobs();
          return VadTestServer.transcribe(vertx, new VadAudio(6).wav()).map(t -> {
            ctx.verify(() -> {
              assertEquals(before + 1, VadTestServer.engineJobs(), "the silence went to the engine");
              assertTrue(t.text().startsWith(SttTestConfig.MODEL_TEXT), "the model speaks over silence: " + t.text());
            });
            return t;
          });
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aMissingModelTurnsVadOffWithANoteAndTimesStayAsTheEngineGaveThem(Vertx vertx, VertxTestContext ctx) {
    String missing = "/nonexistent/silero_vad_v5.onnx";
    byte[] wav = new VadAudio(20).put(VadAudio.fixture("jfk.wav"), 5).wav();
    VadTestServer.deploy(vertx, VadTestServer.overrides(new JsonObject().put("vadModel", missing)))
        .compose(c -> VadTestServer.vadReadiness(vertx))
        .compose(ready -> {
          ctx.verify(() -> {
            assertEquals(Readiness.DISABLED, ready.state());
            assertTrue(ready.reason().contains("VAD off") && ready.reason().contains(missing), ready.reason());
          });
          return VadTestServer.transcribe(vertx, wav);
        })
        .onComplete(ctx.succeeding(t -> ctx.verify(() -> {
          assertEquals(20.0, t.durationSeconds(), 0.01);
          assertEquals(0.0, t.segments().get(0).start(), 0.01, "the whole recording was decoded from 0 s");
          ctx.completeNow();
        })));
  }
}
