package dev.storyvox.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.Deployment;
import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.audio.AudioDecoder;
import dev.storyvox.audio.AudioEncoder;
import dev.storyvox.audio.AudioFormat;
import dev.storyvox.audio.AudioSniffer;
import dev.storyvox.audio.DecodedAudio;
import dev.storyvox.audio.VadAudio;
import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.stt.SttDeployment;
import dev.storyvox.stt.SttRequest;
import dev.storyvox.stt.Transcript;
import dev.storyvox.stt.VadTestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silero VAD on the RunPod dispatch ({@code stt.backend: runpod}) against {@link FakeRunPod}: an upload is trimmed
 * to its speech before it is encoded and sent (what the fake receives is measured), the transcript RunPod returns
 * is moved back onto the recording's timeline, and an upload without speech makes no job at all; and on the
 * worker role ({@code --role runpod-worker}), which transcribes with the real engine behind the same stage.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class RunPodVadTest {

  private static final Logger LOG = LoggerFactory.getLogger(RunPodVadTest.class);
  /** jfk.wav's speech as Silero finds it: 0.32 s to 10.59 s (SileroVadTest); VAD pads 0.4 s each side. */
  private static final double JFK_SPEECH = 10.59 - 0.32 + 2 * 0.4;

  private final FakeRunPod fake = new FakeRunPod();

  @Test
  void anUploadIsTrimmedToItsSpeechBeforeItIsSentAndTimesComeBack(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    VadAudio recording = new VadAudio(40).noise(0.002, 11).put(VadAudio.fixture("jfk.wav"), 12);
    byte[] whole = AudioEncoder.encodeOpus(new DecodedAudio(recording.samples()));
    start(vertx).compose(v -> transcribe(vertx, recording.wav())).onComplete(ctx.succeeding(t -> ctx.verify(() -> {
      byte[] sent = Base64.getDecoder().decode(fake.inputs.get(0).getString("audio_base64"));
      assertEquals(AudioFormat.OGG_OPUS, AudioSniffer.sniff(sent));
      double seconds = new AudioDecoder(600).decode(sent).durationSeconds();
      LOG.info("40 s upload with 10.3 s of speech: sent {} s, {} bytes of Opus (the whole recording: {} bytes)",
          seconds, sent.length, whole.length);
      assertEquals(JFK_SPEECH, seconds, 0.2, "only the padded speech was sent");
      assertTrue(sent.length < whole.length / 2, sent.length + " bytes sent, " + whole.length + " for all of it");
      assertEquals("hello there", t.text());
      assertEquals(40.0, t.durationSeconds(), 0.01, "the recording's length");
      assertEquals(12 + 0.32 - 0.4, t.segments().get(0).start(), 0.1, "RunPod's 0 s is the speech at 12 s");
      assertEquals(12 + 0.32 - 0.4 + 1.5, t.segments().get(0).end(), 0.1);
      ctx.completeNow();
    })));
  }

  @Test
  void anUploadWithoutSpeechMakesNoJob(Vertx vertx, VertxTestContext ctx) {
    fake.script = FakeRunPod.Script.COMPLETE;
    start(vertx).compose(v -> transcribe(vertx, new VadAudio(15).noise(0.02, 12).wav()))
        .onComplete(ctx.succeeding(t -> ctx.verify(() -> {
          assertEquals("", t.text());
          assertTrue(t.segments().isEmpty());
          assertEquals(15.0, t.durationSeconds(), 0.01);
          assertEquals(0, fake.apiCalls.get(), "nothing was sent to RunPod");
          ctx.completeNow();
        })));
  }

  @Test
  void theWorkerRoleTranscribesOnlyTheSpeechAndAnswersSilenceWithoutTheEngine(Vertx vertx, VertxTestContext ctx) {
    Base64.Encoder base64 = Base64.getEncoder();
    String speech = base64.encodeToString(
        new VadAudio(20).noise(0.002, 13).put(VadAudio.fixture("jfk.wav"), 5).wav());
    String silence = base64.encodeToString(new VadAudio(10).wav());
    long before = VadTestServer.engineJobs();
    fake.start(vertx)
        .compose(f -> TestServer.config(vertx, VadTestServer.overrides(new JsonObject())
            .put("runpod", new JsonObject().put("worker", new JsonObject().put("idleBackoffMs", 20)))))
        .compose(json -> Deployment.deployRunPodWorker(vertx, json,
            RunPodWorkerEnv.from(fake.workerEnv(), StoryvoxConfig.from(json).runpod().worker())))
        .compose(v -> {
          String spoken = fake.submit(new JsonObject().put("audio_base64", speech).put("language", "en"));
          String quiet = fake.submit(new JsonObject().put("audio_base64", silence).put("language", "en"));
          return until(vertx, () -> fake.done.size() == 2).map(x -> {
            ctx.verify(() -> {
              JsonObject heard = fake.done.get(spoken).getJsonObject("output");
              assertEquals(20.0, heard.getDouble("duration"), 0.01, heard.encode());
              assertEquals(5 + 0.32 - 0.4, heard.getJsonArray("segments").getJsonObject(0).getDouble("start"), 0.1,
                  heard.encode());
              JsonObject nothing = fake.done.get(quiet).getJsonObject("output");
              assertEquals("", nothing.getString("text"), nothing.encode());
              assertTrue(nothing.getJsonArray("segments").isEmpty());
              assertEquals(before + 1, VadTestServer.engineJobs(), "the engine ran for the speech only");
            });
            return x;
          });
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  private static Future<Void> until(Vertx vertx, BooleanSupplier condition) {
    return condition.getAsBoolean() ? Future.succeededFuture() : vertx.timer(20).compose(v -> until(vertx, condition));
  }

  private static Future<Transcript> transcribe(Vertx vertx, byte[] wav) {
    return vertx.eventBus().<Transcript>request(Addresses.STT_TRANSCRIBE, SttRequest.ofAudio(wav, "en"),
        new DeliveryOptions().setSendTimeout(30_000)).map(Message::body);
  }

  private Future<Void> start(Vertx vertx) {
    return fake.start(vertx)
        .compose(f -> TestServer.config(vertx, new JsonObject()
            .put("stt", new JsonObject().put("backend", "runpod")
                .put("vadModel", TestData.model("silero_vad_v5.onnx").toString()))
            .put("runpod", fake.config(FakeRunPod.KEY))))
        .compose(json -> {
          RecordCodec.register(vertx);
          StoryvoxConfig config = StoryvoxConfig.from(json);
          return vertx.deployVerticle(new RunPodVerticle(config)).compose(id -> SttDeployment.deployEntry(vertx, config));
        });
  }
}
