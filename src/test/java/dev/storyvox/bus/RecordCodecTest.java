package dev.storyvox.bus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.stt.WhisperJob;
import dev.storyvox.stt.WhisperRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class RecordCodecTest {

  /** A message with nested records, lists, bytes and Korean text, as engine requests carry. */
  public record Sample(String text, int count, byte[] audio, List<Readiness> states) {
  }

  @Test
  void localDeliveryPassesTheSameInstance(Vertx vertx, VertxTestContext ctx) {
    RecordCodec.register(vertx);
    Readiness sent = Readiness.ready("모델 준비됨");
    vertx.eventBus().<Readiness>consumer("test.echo", m -> m.reply(m.body()));
    vertx.eventBus().<Readiness>request("test.echo", sent).onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
      assertSame(sent, reply.body());
      ctx.completeNow();
    })));
  }

  @Test
  void wireRoundTripRebuildsAnEqualRecord() {
    RecordCodec codec = new RecordCodec();
    Sample sample = new Sample("깊은 숲 속", 3, new byte[] {0, 1, -1, 127},
        List.of(Readiness.loading("loading"), Readiness.disabled("off")));
    Buffer wire = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(wire, sample);
    Sample back = (Sample) codec.decodeFromWire(6, wire);
    assertNotSame(sample, back);
    assertEquals(sample.text(), back.text());
    assertEquals(sample.count(), back.count());
    assertEquals(List.of(0, 1, -1, 127), toList(back.audio()));
    assertEquals(sample.states(), back.states());
  }

  /** Several float arrays in one message, in nested records and lists, with one left out. */
  public record Channels(float[] left, List<Samples> more, float[] none) {
  }

  /** A nested record carrying samples. */
  public record Samples(float[] values) {
  }

  @Test
  void decodedAudioCrossesTheWireAsFourBytesASample() {
    float[] samples = new float[16_000];
    Random random = new Random(7);
    for (int i = 0; i < samples.length; i++) {
      samples[i] = random.nextFloat() * 2 - 1;
    }
    samples[0] = -1f;
    samples[1] = 1f;
    samples[2] = Float.MIN_VALUE;
    samples[3] = -0f;
    WhisperJob job = new WhisperJob(samples, WhisperRequest.defaults().withPrompt("숲 속의 곰"));
    RecordCodec codec = new RecordCodec();
    Buffer wire = Buffer.buffer().appendString("head");
    codec.encodeToWire(wire, job);
    WhisperJob back = (WhisperJob) codec.decodeFromWire(4, wire);
    assertArrayEquals(samples, back.samples());
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(back.samples()[3]));
    assertEquals(job.request(), back.request());
    int encoded = wire.length() - 4;
    assertTrue(encoded >= samples.length * 4 && encoded < samples.length * 4 + 512,
        "16000 samples took " + encoded + " bytes");
    String text = wire.toString(StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("\"samples\":0"), "the JSON names the samples by index: " + text.substring(0, 300));
  }

  @Test
  void everyFloatArrayOfAMessageRoundTripsInItsPlace() {
    Channels channels = new Channels(new float[] {0.5f, -0.5f},
        List.of(new Samples(new float[] {}), new Samples(new float[] {0.125f})), null);
    RecordCodec codec = new RecordCodec();
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, channels);
    Channels back = (Channels) codec.decodeFromWire(0, wire);
    assertArrayEquals(channels.left(), back.left());
    assertArrayEquals(new float[] {}, back.more().get(0).values());
    assertArrayEquals(new float[] {0.125f}, back.more().get(1).values());
    assertEquals(null, back.none());
  }

  @Test
  void aTruncatedSampleSectionIsRefused() {
    RecordCodec codec = new RecordCodec();
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, new Samples(new float[] {1f, 2f, 3f}));
    Buffer truncated = wire.getBuffer(0, wire.length() - 4);
    assertThrows(IllegalArgumentException.class, () -> codec.decodeFromWire(0, truncated));
  }

  @Test
  void localDeliveryPassesTheSamplesWithoutACopy(Vertx vertx, VertxTestContext ctx) {
    RecordCodec.register(vertx);
    WhisperJob sent = new WhisperJob(new float[] {0.1f, 0.2f}, WhisperRequest.defaults());
    vertx.eventBus().<WhisperJob>consumer("test.samples", m -> ctx.verify(() -> {
      assertSame(sent, m.body());
      assertSame(sent.samples(), m.body().samples());
      ctx.completeNow();
    }));
    vertx.eventBus().send("test.samples", sent);
  }

  @Test
  void refusesToDecodeClassesOutsideStoryvox() {
    RecordCodec codec = new RecordCodec();
    byte[] type = "java.lang.ProcessBuilder".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Buffer wire = Buffer.buffer().appendInt(type.length).appendBytes(type).appendInt(2).appendString("{}");
    assertThrows(IllegalArgumentException.class, () -> codec.decodeFromWire(0, wire));
  }

  @Test
  void onlyStoryvoxRecordsAreSelected() {
    assertEquals(true, RecordCodec.isMessageRecord(Readiness.ready("x")));
    assertEquals(false, RecordCodec.isMessageRecord("text"));
  }

  private static List<Integer> toList(byte[] bytes) {
    java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
    for (byte b : bytes) {
      out.add((int) b);
    }
    return out;
  }
}
