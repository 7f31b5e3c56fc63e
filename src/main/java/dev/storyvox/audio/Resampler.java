package dev.storyvox.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_chlayout;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_double;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_int;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_sample_fmt;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts decoded frames of any layout, rate and sample format to 16 kHz mono float. The mixing matrix is capped
 * with {@code rematrix_maxval = 1} so a stereo downmix cannot overshoot (FFmpeg's default peaks at 1.19); the
 * converter is set up from the first frame, whose parameters are the ones the decoder really produces.
 */
final class Resampler implements AutoCloseable {

  private SwrContext swr;
  private FloatPointer out;
  private PointerPointer<Pointer> outPlanes;
  private int capacity;

  /** Converts one frame into the buffer. */
  void convert(AVFrame frame, PcmBuffer pcm) {
    if (swr == null) {
      swr = create(frame);
    }
    reserve(swr_get_out_samples(swr, frame.nb_samples()));
    append(swr_convert(swr, outPlanes, capacity, frame.extended_data(), frame.nb_samples()), pcm);
  }

  /** Drains the samples still held in the filter. */
  void flush(PcmBuffer pcm) {
    if (swr == null) {
      return;
    }
    reserve(4096);
    int produced;
    do {
      produced = swr_convert(swr, outPlanes, capacity, (PointerPointer<?>) null, 0);
      append(produced, pcm);
    } while (produced > 0);
  }

  @Override
  public void close() {
    if (swr != null) {
      swr_free(swr);
      swr = null;
    }
    releaseOutput();
  }

  private static SwrContext create(AVFrame frame) {
    SwrContext context = swr_alloc();
    AVChannelLayout mono = new AVChannelLayout();
    AVChannelLayout input = new AVChannelLayout();
    try {
      av_channel_layout_default(mono, 1);
      AVChannelLayout declared = frame.ch_layout();
      if (declared.order() == AV_CHANNEL_ORDER_UNSPEC) {
        av_channel_layout_default(input, Math.max(1, declared.nb_channels()));
        declared = input;
      }
      int status = av_opt_set_chlayout(context, "in_chlayout", declared, 0);
      status = Math.min(status, av_opt_set_chlayout(context, "out_chlayout", mono, 0));
      status = Math.min(status, av_opt_set_int(context, "in_sample_rate", frame.sample_rate(), 0));
      status = Math.min(status, av_opt_set_int(context, "out_sample_rate", AudioDecoder.SAMPLE_RATE, 0));
      status = Math.min(status, av_opt_set_sample_fmt(context, "in_sample_fmt", frame.format(), 0));
      status = Math.min(status, av_opt_set_sample_fmt(context, "out_sample_fmt", AV_SAMPLE_FMT_FLT, 0));
      status = Math.min(status, av_opt_set_double(context, "rematrix_maxval", 1.0, 0));
      if (status < 0 || (status = swr_init(context)) < 0) {
        swr_free(context);
        throw new ServiceException(ErrorCode.UNSUPPORTED_FORMAT,
            "the audio's sample layout cannot be converted: " + FfmpegError.text(status));
      }
      return context;
    } finally {
      av_channel_layout_uninit(mono);
      av_channel_layout_uninit(input);
      mono.close();
      input.close();
    }
  }

  private void reserve(int samples) {
    if (samples <= capacity) {
      return;
    }
    releaseOutput();
    capacity = Math.max(samples, 4096);
    out = new FloatPointer(capacity);
    outPlanes = new PointerPointer<>(new Pointer[] {out});
  }

  private void releaseOutput() {
    if (out != null) {
      outPlanes.close();
      out.close();
      out = null;
    }
  }

  private void append(int produced, PcmBuffer pcm) {
    if (produced < 0) {
      throw new ServiceException(ErrorCode.STT_FAILURE, "resampling failed: " + FfmpegError.text(produced));
    }
    pcm.append(out, produced);
  }
}
