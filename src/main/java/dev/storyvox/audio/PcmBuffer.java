package dev.storyvox.audio;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The growing 16 kHz mono output of one decode. Samples are clamped to [-1, 1] as they arrive, and the buffer
 * refuses to grow past the length limit, so an overlong recording stops the decode early.
 */
final class PcmBuffer {

  private final int maxSeconds;
  private final long maxSamples;
  private float[] samples = new float[AudioDecoder.SAMPLE_RATE * 10];
  private int size;

  PcmBuffer(int maxSeconds) {
    this.maxSeconds = maxSeconds;
    this.maxSamples = (long) maxSeconds * AudioDecoder.SAMPLE_RATE;
  }

  /** Appends {@code count} floats from native memory. */
  void append(FloatPointer source, int count) {
    if (size + (long) count > maxSamples) {
      throw tooLong("more than " + maxSeconds);
    }
    if (size + count > samples.length) {
      samples = Arrays.copyOf(samples, Math.max(size + count, samples.length * 2));
    }
    source.position(0).get(samples, size, count);
    for (int i = size; i < size + count; i++) {
      samples[i] = Math.max(-1f, Math.min(1f, samples[i]));
    }
    size += count;
  }

  float[] toArray() {
    return Arrays.copyOf(samples, size);
  }

  ServiceException tooLong(String seconds) {
    return new ServiceException(ErrorCode.INVALID_REQUEST,
        "audio is " + seconds + " s long; the limit is " + maxSeconds + " s");
  }
}
