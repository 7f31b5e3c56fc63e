package dev.storyvox.runpod;

import dev.storyvox.TestData;
import dev.storyvox.audio.AudioDecoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * A long recording as a phone would upload it: jfk.wav's speech (decoded with the real decoder), again and
 * again, as 48 kHz stereo 16-bit WAV (192 kB a second) of at least the size asked for.
 */
final class LongWav {

  private LongWav() {
  }

  static byte[] atLeast(int bytes) throws IOException {
    float[] speech = new AudioDecoder(60).decode(Files.readAllBytes(TestData.audio("jfk.wav"))).samples();
    int frames = (bytes - 44) / 4 + 1;
    ByteBuffer wav = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + frames * 4)
        .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 2)
        .putInt(48_000).putInt(192_000).putShort((short) 4).putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(frames * 4);
    for (int i = 0; i < frames; i++) {
      short sample = (short) Math.round(speech[(i / 3) % speech.length] * 32_000);
      wav.putShort(sample).putShort(sample);
    }
    return wav.array();
  }
}
