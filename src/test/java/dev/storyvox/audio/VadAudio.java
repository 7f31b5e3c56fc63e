package dev.storyvox.audio;

import dev.storyvox.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;

/**
 * Recordings for the VAD tests: real speech fixtures (decoded by the real decoder to 16 kHz) placed at known
 * times between generated silence and noise, and 16 kHz mono 16-bit WAV files of them for uploads.
 */
public final class VadAudio {

  /** Samples a second. */
  public static final int RATE = AudioDecoder.SAMPLE_RATE;

  private final float[] samples;
  private int at;

  /** An empty recording {@code seconds} long (silence until something is put in). */
  public VadAudio(double seconds) {
    samples = new float[(int) Math.round(seconds * RATE)];
  }

  /** A speech fixture ({@code jfk.wav}, {@code ko_forest.wav}, …) decoded to 16 kHz mono. */
  public static float[] fixture(String name) {
    try {
      return new AudioDecoder(600).decode(Files.readAllBytes(TestData.audio(name))).samples();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds Gaussian noise of standard deviation {@code level} over the whole recording (seeded: reproducible). */
  public VadAudio noise(double level, long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < samples.length; i++) {
      samples[i] = clip(samples[i] + (float) (random.nextGaussian() * level));
    }
    return this;
  }

  /** Mixes {@code speech} in starting at {@code seconds}. */
  public VadAudio put(float[] speech, double seconds) {
    at = (int) Math.round(seconds * RATE);
    for (int i = 0; i < speech.length && at + i < samples.length; i++) {
      samples[at + i] = clip(samples[at + i] + speech[i]);
    }
    return this;
  }

  /** The samples. */
  public float[] samples() {
    return samples;
  }

  /** As a 16 kHz mono 16-bit PCM WAV file. */
  public byte[] wav() {
    ByteBuffer wav = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
        .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length * 2);
    for (float s : samples) {
      wav.putShort((short) Math.round(s * 32_767));
    }
    return wav.array();
  }

  private static float clip(float v) {
    return Math.max(-1f, Math.min(1f, v));
  }
}
