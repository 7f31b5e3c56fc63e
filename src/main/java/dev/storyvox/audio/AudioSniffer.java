package dev.storyvox.audio;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Recognises an audio format by its magic bytes, never by file name or declared content type. Pure and cheap: it
 * reads at most the first few kilobytes, so it may run on an event loop.
 */
public final class AudioSniffer {

  private static final byte[] ASF_GUID = {0x30, 0x26, (byte) 0xB2, 0x75, (byte) 0x8E, 0x66, (byte) 0xCF, 0x11};
  private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};

  private AudioSniffer() {
  }

  /**
   * The format of the audio.
   *
   * @throws ServiceException {@code UNSUPPORTED_FORMAT} with detail {@code {"detected": what it looks like or
   *                          "unknown", "supported": [labels]}}
   */
  public static AudioFormat sniff(byte[] data) {
    int start = afterId3(data);
    if (start > 0) {
      return isAdts(data, start) ? AudioFormat.AAC : AudioFormat.MP3;
    }
    if (ascii(data, 0, "RIFF") && ascii(data, 8, "WAVE") || ascii(data, 0, "RF64") && ascii(data, 8, "WAVE")) {
      return AudioFormat.WAV;
    }
    if (ascii(data, 4, "ftyp")) {
      return AudioFormat.MP4;
    }
    if (ascii(data, 0, "OggS")) {
      return oggCodec(data);
    }
    if (startsWith(data, 0, EBML)) {
      return AudioFormat.WEBM;
    }
    if (ascii(data, 0, "fLaC")) {
      return AudioFormat.FLAC;
    }
    if (startsWith(data, 0, ASF_GUID)) {
      return AudioFormat.ASF;
    }
    if (isAdts(data, 0)) {
      return AudioFormat.AAC;
    }
    if (isMpegAudioFrame(data, 0)) {
      return AudioFormat.MP3;
    }
    throw unsupported(NonAudio.describe(data));
  }

  private static AudioFormat oggCodec(byte[] data) {
    int segments = data.length > 26 ? data[26] & 0xFF : 0;
    int packet = 27 + segments;
    if (ascii(data, packet, "OpusHead")) {
      return AudioFormat.OGG_OPUS;
    }
    if (data.length > packet && data[packet] == 1 && ascii(data, packet + 1, "vorbis")) {
      return AudioFormat.OGG_VORBIS;
    }
    throw unsupported("ogg with another codec");
  }

  /** Where the audio starts after an ID3v2 tag, or 0 when there is none. */
  private static int afterId3(byte[] data) {
    if (!ascii(data, 0, "ID3") || data.length < 10) {
      return 0;
    }
    int size = (data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | (data[9] & 0x7F);
    boolean footer = (data[5] & 0x10) != 0;
    return 10 + size + (footer ? 10 : 0);
  }

  private static boolean isAdts(byte[] data, int at) {
    return data.length > at + 1 && (data[at] & 0xFF) == 0xFF && (data[at + 1] & 0xF6) == 0xF0;
  }

  private static boolean isMpegAudioFrame(byte[] data, int at) {
    if (data.length < at + 3 || (data[at] & 0xFF) != 0xFF || (data[at + 1] & 0xE0) != 0xE0) {
      return false;
    }
    int version = (data[at + 1] >> 3) & 3;
    int layer = (data[at + 1] >> 1) & 3;
    int bitrate = (data[at + 2] >> 4) & 0xF;
    int rate = (data[at + 2] >> 2) & 3;
    return version != 1 && layer != 0 && bitrate != 0xF && rate != 3;
  }

  static boolean ascii(byte[] data, int at, String text) {
    return startsWith(data, at, text.getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    return at >= 0 && data.length >= at + prefix.length
        && Arrays.equals(data, at, at + prefix.length, prefix, 0, prefix.length);
  }

  private static ServiceException unsupported(String detected) {
    JsonArray supported = new JsonArray();
    for (AudioFormat format : AudioFormat.values()) {
      supported.add(format.label());
    }
    return new ServiceException(ErrorCode.UNSUPPORTED_FORMAT,
        "unsupported audio format (it looks like " + detected + "); send one of " + supported.encode(),
        new JsonObject().put("detected", detected).put("supported", supported));
  }
}
