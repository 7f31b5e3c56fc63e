package dev.storyvox.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.util.Locale;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;

/**
 * Decodes any accepted audio file, held in memory, to 16 kHz mono float PCM with FFmpeg in process.
 *
 * <p><b>Blocking native code:</b> {@link #decode} must run on a worker thread ({@code executeBlocking} or a
 * worker verticle), never on an event loop. It is safe to call from several threads at once: every call opens its
 * own demuxer, decoder and resampler and frees them before returning.
 *
 * <p>Failures are {@link ServiceException}s: {@code UNSUPPORTED_FORMAT} for input FFmpeg cannot read (empty,
 * corrupt, no audio stream), {@code INVALID_REQUEST} for audio longer than {@code stt.maxSeconds} (decoding stops
 * as soon as the limit is passed), {@code STT_FAILURE} for a decoder error in the middle of the stream.
 */
public final class AudioDecoder {

  /** The output sample rate, what Whisper expects. */
  public static final int SAMPLE_RATE = 16_000;

  static {
    av_log_set_level(AV_LOG_FATAL);
  }

  private final int maxSeconds;

  /** A decoder refusing audio longer than {@code maxSeconds} (config {@code stt.maxSeconds}, default 1800). */
  public AudioDecoder(int maxSeconds) {
    if (maxSeconds < 1) {
      throw new IllegalArgumentException("maxSeconds must be at least 1, got " + maxSeconds);
    }
    this.maxSeconds = maxSeconds;
  }

  /** Decodes the whole file; blocking, see the class comment. */
  public DecodedAudio decode(byte[] audio) {
    if (audio.length == 0) {
      throw new ServiceException(ErrorCode.UNSUPPORTED_FORMAT, "the audio is empty");
    }
    PcmBuffer pcm = new PcmBuffer(maxSeconds);
    try (MemoryInput input = MemoryInput.open(audio);
         StreamDecoder stream = StreamDecoder.open(input.format());
         Resampler resampler = new Resampler()) {
      refuseDeclaredLength(input.format(), pcm);
      stream.decodeAll(frame -> resampler.convert(frame, pcm));
      resampler.flush(pcm);
    }
    float[] samples = pcm.toArray();
    if (samples.length == 0) {
      throw new ServiceException(ErrorCode.UNSUPPORTED_FORMAT, "no audio could be decoded from the file");
    }
    return new DecodedAudio(samples);
  }

  /** Fails before decoding when the container already says the audio is too long. */
  private void refuseDeclaredLength(AVFormatContext format, PcmBuffer pcm) {
    long duration = format.duration();
    if (duration != AV_NOPTS_VALUE && duration > (long) maxSeconds * AV_TIME_BASE) {
      throw pcm.tooLong(String.format(Locale.ROOT, "%.1f", duration / (double) AV_TIME_BASE));
    }
  }
}
