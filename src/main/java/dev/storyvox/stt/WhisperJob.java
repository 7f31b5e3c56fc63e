package dev.storyvox.stt;

import java.util.Objects;

/**
 * A transcription for one local whisper context, sent on {@code Addresses.WHISPER_TRANSCRIBE}. It carries
 * the decoded samples themselves, never a file path, so it is valid on any node of a cluster; between
 * nodes they travel as raw float32, four bytes a sample ({@code RecordCodec}).
 *
 * @param samples 16 kHz mono PCM in [-1, 1]
 * @param request the decoding parameters
 */
public record WhisperJob(float[] samples, WhisperRequest request) {
  public WhisperJob {
    Objects.requireNonNull(samples, "samples");
    Objects.requireNonNull(request, "request");
  }
}
