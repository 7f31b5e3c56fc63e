package dev.storyvox.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import io.vertx.core.json.JsonArray;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Magic-byte sniffing on hand-made headers; the real fixtures are sniffed in {@link AudioDecoderTest}. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AudioSnifferTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "ADTS AAC frame,          AAC,        fff15080",
      "ID3 tag then ADTS,       AAC,        49443304000000000000fff15080",
      "ID3 tag then MPEG frame, MP3,        49443304000000000000fffb9064",
      "bare MPEG frame,         MP3,        fffb9064",
      "Ogg Opus,                OGG_OPUS,   4f6767530002000000000000000000000000000000000000000001134f707573486561640101",
      "ASF header,              ASF,        3026b2758e66cf11a6d900aa0062ce6c",
      "RF64 wave,               WAV,        5246363400000000574156450000",
      "Matroska EBML,           WEBM,       1a45dfa3a3428681",
      "MP4 ftyp,                MP4,        0000002066747970",
  })
  void recognisesFormatsByMagicBytes(String what, AudioFormat expected, String hex) {
    assertEquals(expected, AudioSniffer.sniff(HexFormat.of().parseHex(hex)), what);
  }

  @ParameterizedTest(name = "{0} is refused as {1}")
  @CsvSource({
      "89504e470d0a1a0a,                   png",
      "ffd8ffe000104a46,                   jpeg",
      "255044462d312e34,                   pdf",
      "3c21444f43545950452068746d6c3e,     html",
      "7b226572726f72223a317d,             json",
      "52494646000000004156492000,         riff (not wave)",
      "00010203040506070809,               unknown",
      "4f6767530002000000000000000000000000000000000000000001137f464c4143,  ogg with another codec",
  })
  void refusesOtherPayloadsSayingWhatTheyLookLike(String hex, String detected) {
    ServiceException failure = assertThrows(ServiceException.class,
        () -> AudioSniffer.sniff(HexFormat.of().parseHex(hex)));

    assertEquals(ErrorCode.UNSUPPORTED_FORMAT, failure.code());
    assertEquals(detected, failure.detail().getString("detected"));
    assertEquals(new JsonArray().add("wav").add("mp3").add("m4a").add("aac").add("ogg/vorbis").add("ogg/opus")
        .add("webm").add("flac").add("wma"), failure.detail().getJsonArray("supported"));
  }

  @Test
  void refusesEmptyInput() {
    ServiceException failure = assertThrows(ServiceException.class, () -> AudioSniffer.sniff(new byte[0]));

    assertEquals("empty", failure.detail().getString("detected"));
  }
}
