package dev.storyvox.tts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Reads the length of a RIFF/WAVE file from its {@code fmt } and {@code data} chunks. */
final class WavInfo {

  private WavInfo() {
  }

  /** Seconds of audio in {@code wav}; throws IllegalArgumentException when it is not a PCM WAV file. */
  static double durationSeconds(byte[] wav) {
    ByteBuffer buf = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    if (wav.length < 12 || !"RIFF".equals(tag(wav, 0)) || !"WAVE".equals(tag(wav, 8))) {
      throw new IllegalArgumentException("not a RIFF/WAVE file");
    }
    int byteRate = 0;
    int pos = 12;
    while (pos + 8 <= wav.length) {
      String id = tag(wav, pos);
      long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
      int body = pos + 8;
      if ("fmt ".equals(id) && body + 12 <= wav.length) {
        byteRate = buf.getInt(body + 8);
      } else if ("data".equals(id)) {
        if (byteRate <= 0) {
          throw new IllegalArgumentException("WAV data before a valid fmt chunk");
        }
        long bytes = Math.min(size, wav.length - body);
        return (double) bytes / byteRate;
      }
      pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
    }
    throw new IllegalArgumentException("WAV file without a data chunk");
  }

  private static String tag(byte[] wav, int at) {
    return new String(wav, at, 4, StandardCharsets.US_ASCII);
  }
}
