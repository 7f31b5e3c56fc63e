package dev.storyvox.audio;

/**
 * Decoded speech ready for the recogniser.
 *
 * @param samples 16 kHz mono PCM, every value in [-1, 1]
 */
public record DecodedAudio(float[] samples) {

  /** The length in seconds. */
  public double durationSeconds() {
    return samples.length / (double) AudioDecoder.SAMPLE_RATE;
  }
}
