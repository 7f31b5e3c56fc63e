package dev.storyvox.audio;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FORCE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * An FFmpeg demuxer reading a byte array in memory through a custom {@link AVIOContext}: nothing touches disk.
 *
 * <p>JavaCPP callbacks are a scarce native resource, so one read and one seek callback serve every input; each
 * input registers itself under the address of its own small native "opaque" block, which FFmpeg hands back to the
 * callbacks. Each instance is confined to the thread that decodes it; {@link #close()} frees everything.
 */
final class MemoryInput implements AutoCloseable {

  private static final int IO_BUFFER_SIZE = 32 * 1024;
  private static final Map<Long, MemoryInput> OPEN = new ConcurrentHashMap<>();
  private static final Read READ = new Read();
  private static final Seek SEEK = new Seek();

  private final byte[] data;
  private final IntPointer opaque = new IntPointer(1);
  private int position;
  private AVIOContext io;
  private AVFormatContext format;

  private MemoryInput(byte[] data) {
    this.data = data;
  }

  /**
   * Opens the container.
   *
   * @throws ServiceException {@code UNSUPPORTED_FORMAT} when FFmpeg cannot read it
   */
  static MemoryInput open(byte[] data) {
    MemoryInput input = new MemoryInput(data);
    OPEN.put(input.opaque.address(), input);
    try {
      input.io = avio_alloc_context(new BytePointer(av_malloc(IO_BUFFER_SIZE)), IO_BUFFER_SIZE, 0, input.opaque,
          READ, null, SEEK);
      AVFormatContext context = avformat_alloc_context();
      context.pb(input.io);
      int status = avformat_open_input(context, (String) null, (AVInputFormat) null, (AVDictionary) null);
      if (status < 0) {
        throw new ServiceException(ErrorCode.UNSUPPORTED_FORMAT,
            "the audio container cannot be read: " + FfmpegError.text(status));
      }
      input.format = context;
      return input;
    } catch (RuntimeException e) {
      input.close();
      throw e;
    }
  }

  AVFormatContext format() {
    return format;
  }

  @Override
  public void close() {
    if (format != null) {
      avformat_close_input(format);
      format = null;
    }
    if (io != null) {
      av_free(io.buffer());
      io.buffer(null);
      avio_context_free(io);
      io = null;
    }
    OPEN.remove(opaque.address());
    opaque.close();
  }

  private int read(BytePointer target, int size) {
    int count = Math.min(size, data.length - position);
    if (count <= 0) {
      return AVERROR_EOF;
    }
    target.position(0).put(data, position, count);
    position += count;
    return count;
  }

  private long seek(long offset, int whence) {
    int mode = whence & ~AVSEEK_FORCE;
    if (mode == AVSEEK_SIZE) {
      return data.length;
    }
    long target = switch (mode) {
      case 0 -> offset;
      case 1 -> position + offset;
      case 2 -> data.length + offset;
      default -> -1;
    };
    if (target < 0 || target > data.length) {
      return -1;
    }
    position = (int) target;
    return target;
  }

  private static final class Read extends Read_packet_Pointer_BytePointer_int {
    @Override
    public int call(Pointer opaque, BytePointer buffer, int size) {
      MemoryInput input = OPEN.get(opaque.address());
      return input == null ? AVERROR_EOF : input.read(buffer, size);
    }
  }

  private static final class Seek extends Seek_Pointer_long_int {
    @Override
    public long call(Pointer opaque, long offset, int whence) {
      MemoryInput input = OPEN.get(opaque.address());
      return input == null ? -1 : input.seek(offset, whence);
    }
  }
}
