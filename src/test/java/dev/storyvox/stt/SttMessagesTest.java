package dev.storyvox.stt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.storyvox.bus.RecordCodec;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The speech-to-text messages survive the wire encoding a cluster uses. */
class SttMessagesTest {

  private static final RecordCodec CODEC = new RecordCodec();

  @Test
  void aWhisperJobKeepsItsSamplesAndRequest() {
    WhisperJob job = new WhisperJob(new float[] {0f, -1f, 0.25f, 1f},
        new WhisperRequest("ko", 5, 0.2f, 0.4f, "프로세스", true, true));
    WhisperJob back = (WhisperJob) roundTrip(job);
    assertArrayEquals(job.samples(), back.samples());
    assertEquals(job.request(), back.request());
  }

  @Test
  void anUploadRequestKeepsItsBytes() {
    SttRequest request = new SttRequest(new byte[] {1, 2, (byte) 0xFF}, null, "en", null, 0f, true, true);
    SttRequest back = (SttRequest) roundTrip(request);
    assertArrayEquals(request.audio(), back.audio());
    assertEquals("en", back.language());
    assertEquals(true, back.translate());
    assertEquals(true, back.words());
  }

  @Test
  void aTranscriptKeepsItsSegments() {
    Transcript transcript = new Transcript("안녕", "ko", 2.5,
        List.of(new TranscriptSegment(0.0, 2.5, " 안녕", 0.8, 2)), 0.8, List.of(new TranscriptWord("안녕", 0.1, 2.4)));
    assertEquals(transcript, roundTrip(transcript));
    Transcript plain = new Transcript("안녕", "ko", 2.5, transcript.segments(), 0.8);
    assertEquals(plain, roundTrip(plain));
  }

  @Test
  void aRequestNeedsExactlyOneSource() {
    assertThrows(IllegalArgumentException.class, () -> new SttRequest(null, null, "ko", null, 0f));
    assertThrows(IllegalArgumentException.class, () -> new SttRequest(new byte[1], "https://x/a.wav", "ko", null, 0f));
  }

  private static Record roundTrip(Record record) {
    Buffer wire = Buffer.buffer();
    CODEC.encodeToWire(wire, record);
    return CODEC.decodeFromWire(0, wire);
  }
}
