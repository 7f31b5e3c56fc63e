package dev.storyvox.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
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
