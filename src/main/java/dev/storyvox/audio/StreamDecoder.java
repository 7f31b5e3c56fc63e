package dev.storyvox.audio;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The best audio stream of an opened container and its codec: reads packets and hands every decoded frame on.
 * Damaged packets are skipped as the ffmpeg tool does, and a read error ends the stream like a truncated file.
 */
final class StreamDecoder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamDecoder.class);

  private final AVFormatContext format;
  private final int streamIndex;
  private final AVCodecContext codec;
  private final AVPacket packet = av_packet_alloc();
  private final AVFrame frame = av_frame_alloc();
  private int skippedPackets;

  private StreamDecoder(AVFormatContext format, int streamIndex, AVCodecContext codec) {
    this.format = format;
    this.streamIndex = streamIndex;
    this.codec = codec;
  }

  /**
   * Finds the audio stream and opens its decoder.
   *
   * @throws ServiceException {@code UNSUPPORTED_FORMAT} when there is no audio stream or no decoder for it
   */
  static StreamDecoder open(AVFormatContext format) {
    int status = avformat_find_stream_info(format, (AVDictionary) null);
    if (status < 0) {
      throw unsupported("the audio streams cannot be read: " + FfmpegError.text(status));
    }
    AVCodec decoder = new AVCodec();
    int index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, decoder, 0);
    if (index < 0) {
      throw unsupported("the file holds no audio stream that can be decoded");
    }
    AVCodecContext codec = avcodec_alloc_context3(decoder);
    status = avcodec_parameters_to_context(codec, format.streams(index).codecpar());
    if (status >= 0) {
      status = avcodec_open2(codec, decoder, (AVDictionary) null);
    }
    if (status < 0) {
      String name = avcodec_get_name(format.streams(index).codecpar().codec_id()).getString();
      avcodec_free_context(codec);
      throw unsupported("the " + name + " decoder cannot be opened: " + FfmpegError.text(status));
    }
    return new StreamDecoder(format, index, codec);
  }

  /** Decodes the whole stream, passing each frame to {@code sink} (the frame is reused afterwards). */
  void decodeAll(Consumer<AVFrame> sink) {
    int status;
    while ((status = av_read_frame(format, packet)) >= 0) {
      try {
        if (packet.stream_index() == streamIndex) {
          send(packet, sink);
        }
      } finally {
        av_packet_unref(packet);
      }
    }
    if (status != AVERROR_EOF) {
      LOG.debug("audio read stopped early: {}", FfmpegError.text(status));
    }
    send(null, sink);
    if (skippedPackets > 0) {
      LOG.debug("skipped {} damaged audio packets", skippedPackets);
    }
  }

  @Override
  public void close() {
    av_frame_free(frame);
    av_packet_free(packet);
    avcodec_free_context(codec);
  }

  private void send(AVPacket input, Consumer<AVFrame> sink) {
    int status = avcodec_send_packet(codec, input);
    if (status == AVERROR_INVALIDDATA) {
      skippedPackets++;
      return;
    }
    if (status < 0 && status != AVERROR_EOF && status != AVERROR_EAGAIN()) {
      throw new ServiceException(ErrorCode.STT_FAILURE, "decoding the audio failed: " + FfmpegError.text(status));
    }
    while ((status = avcodec_receive_frame(codec, frame)) >= 0) {
      try {
        sink.accept(frame);
      } finally {
        av_frame_unref(frame);
      }
    }
    if (status == AVERROR_INVALIDDATA) {
      skippedPackets++;
    } else if (status != AVERROR_EOF && status != AVERROR_EAGAIN()) {
      throw new ServiceException(ErrorCode.STT_FAILURE, "decoding the audio failed: " + FfmpegError.text(status));
    }
  }

  private static ServiceException unsupported(String message) {
    return new ServiceException(ErrorCode.UNSUPPORTED_FORMAT, message);
  }
}
