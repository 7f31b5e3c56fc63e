package dev.storyvox.audio;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_close_dyn_buf;
import static org.bytedeco.ffmpeg.global.avformat.avio_open_dyn_buf;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Encodes decoded speech (16 kHz mono float, {@link DecodedAudio}) as Opus in Ogg with FFmpeg's libopus in
 * process, into memory: the compact form audio is sent to a remote recogniser in (about 4 kB a second at
 * {@value #BITRATE} bit/s against 32 kB for 16-bit PCM).
 *
 * <p><b>Blocking native code:</b> {@link #encode} must run on a worker thread; every call has its own encoder and
 * muxer and frees them before it returns. A failure of FFmpeg is an {@code STT_FAILURE}.
 */
public final class AudioEncoder {

  /** The Opus bit rate: ample for speech recognition at 16 kHz. */
  public static final int BITRATE = 32_000;
  /** 20 ms at 16 kHz: libopus's frame. */
  private static final int FRAME = 320;

  private AudioEncoder() {
  }

  /** The audio as an Ogg/Opus file; blocking, see the class comment. */
  public static byte[] encodeOpus(DecodedAudio audio) {
    AVFormatContext format = new AVFormatContext(null);
    check(avformat_alloc_output_context2(format, null, "ogg", null), "ogg muxer");
    AVCodecContext codec = null;
    AVFrame frame = av_frame_alloc();
    AVPacket packet = av_packet_alloc();
    boolean opened = false;
    byte[] encoded = null;
    try {
      AVCodec opus = avcodec_find_encoder_by_name("libopus");
      if (opus == null) {
        throw failure("this FFmpeg build has no libopus encoder");
      }
      AVStream stream = avformat_new_stream(format, null);
      codec = avcodec_alloc_context3(opus);
      codec.sample_fmt(AV_SAMPLE_FMT_FLT).sample_rate(AudioDecoder.SAMPLE_RATE).bit_rate(BITRATE)
          .time_base(av_make_q(1, AudioDecoder.SAMPLE_RATE));
      av_channel_layout_default(codec.ch_layout(), 1);
      if ((format.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
        codec.flags(codec.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      }
      check(avcodec_open2(codec, opus, (AVDictionary) null), "opening libopus");
      check(avcodec_parameters_from_context(stream.codecpar(), codec), "stream parameters");
      stream.time_base(codec.time_base());
      AVIOContext io = new AVIOContext(null);
      check(avio_open_dyn_buf(io), "memory output");
      format.pb(io);
      opened = true;
      check(avformat_write_header(format, (AVDictionary) null), "ogg header");
      frame.nb_samples(FRAME).format(AV_SAMPLE_FMT_FLT).sample_rate(AudioDecoder.SAMPLE_RATE);
      check(av_channel_layout_copy(frame.ch_layout(), codec.ch_layout()), "channel layout");
      check(av_frame_get_buffer(frame, 0), "frame buffer");
      float[] samples = audio.samples();
      float[] chunk = new float[FRAME];
      for (int at = 0; at < samples.length; at += FRAME) {
        int n = Math.min(FRAME, samples.length - at);
        System.arraycopy(samples, at, chunk, 0, n);
        Arrays.fill(chunk, n, FRAME, 0f);
        check(av_frame_make_writable(frame), "frame");
        new FloatPointer(frame.data(0)).capacity(FRAME).put(chunk);
        frame.pts(at);
        check(avcodec_send_frame(codec, frame), "encoding");
        drain(format, stream, codec, packet);
      }
      check(avcodec_send_frame(codec, null), "flushing");
      drain(format, stream, codec, packet);
      check(av_write_trailer(format), "ogg trailer");
      encoded = closeOutput(format);
      return encoded;
    } finally {
      if (opened && encoded == null) {
        closeOutput(format);
      }
      av_packet_free(packet);
      av_frame_free(frame);
      avcodec_free_context(codec);
      avformat_free_context(format);
    }
  }

  private static void drain(AVFormatContext format, AVStream stream, AVCodecContext codec, AVPacket packet) {
    while (true) {
      int got = avcodec_receive_packet(codec, packet);
      if (got == AVERROR_EAGAIN() || got == AVERROR_EOF) {
        return;
      }
      check(got, "encoding");
      av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
      packet.stream_index(stream.index());
      check(av_interleaved_write_frame(format, packet), "writing");
    }
  }

  /** Closes the memory output and answers its bytes. */
  private static byte[] closeOutput(AVFormatContext format) {
    PointerPointer<BytePointer> buffer = new PointerPointer<>(1);
    int size = avio_close_dyn_buf(format.pb(), buffer);
    format.pb(null);
    BytePointer bytes = new BytePointer(buffer.get(0));
    byte[] out = new byte[Math.max(size, 0)];
    bytes.capacity(out.length).get(out);
    av_free(bytes);
    return out;
  }

  private static void check(int result, String what) {
    if (result < 0) {
      throw failure(what + " failed: " + FfmpegError.text(result));
    }
  }

  private static ServiceException failure(String message) {
    return new ServiceException(ErrorCode.STT_FAILURE, "re-encoding the audio for RunPod: " + message);
  }
}
