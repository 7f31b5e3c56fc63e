package dev.storyvox.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real libopus encoding: what comes out is Ogg/Opus that FFmpeg decodes back to the same length and level. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AudioEncoderTest {

  private final AudioDecoder decoder = new AudioDecoder(1800);

  @Test
  void speechIsReEncodedAsOggOpusOfTheSameLengthAndAFractionOfTheSize() throws Exception {
    byte[] wav = Files.readAllBytes(TestData.audio("jfk.wav"));
    DecodedAudio original = decoder.decode(wav);
    byte[] opus = AudioEncoder.encodeOpus(original);
    assertEquals(AudioFormat.OGG_OPUS, AudioSniffer.sniff(opus), "an Ogg/Opus file");
    assertTrue(opus.length < wav.length / 5, "jfk.wav " + wav.length + " bytes, as Opus " + opus.length);
    assertTrue(opus.length > 11 * AudioEncoder.BITRATE / 8 / 2, "about 4 kB a second: " + opus.length);
    DecodedAudio back = decoder.decode(opus);
    assertEquals(original.durationSeconds(), back.durationSeconds(), 0.03, "same length within a frame");
    assertEquals(rms(original.samples()), rms(back.samples()), rms(original.samples()) * 0.1, "same loudness");
  }

  @Test
  void silenceAndOneShortFrameEncode() {
    byte[] opus = AudioEncoder.encodeOpus(new DecodedAudio(new float[100]));
    assertEquals(AudioFormat.OGG_OPUS, AudioSniffer.sniff(opus));
    assertTrue(decoder.decode(opus).durationSeconds() > 0);
  }

  private static double rms(float[] samples) {
    double sum = 0;
    for (float s : samples) {
      sum += s * s;
    }
    return Math.sqrt(sum / samples.length);
  }
}
