package dev.storyvox.stt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Reads the 16 kHz mono 16-bit PCM WAV fixtures into the float samples the engine takes. */
final class WhisperTestAudio {

  private WhisperTestAudio() {
  }

  static float[] read16kMono(Path wav) throws IOException, UnsupportedAudioFileException {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
      AudioFormat format = in.getFormat();
      if (format.getSampleRate() != WhisperEngine.SAMPLE_RATE || format.getChannels() != 1
          || format.getSampleSizeInBits() != 16) {
        throw new IllegalArgumentException(wav + " is not 16 kHz mono 16-bit: " + format);
      }
      ByteOrder order = format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      ShortBuffer pcm = ByteBuffer.wrap(in.readAllBytes()).order(order).asShortBuffer();
      float[] samples = new float[pcm.remaining()];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = pcm.get(i) / 32768f;
      }
      return samples;
    }
  }

  static float[] firstSeconds(float[] samples, double seconds) {
    return Arrays.copyOf(samples, (int) (seconds * WhisperEngine.SAMPLE_RATE));
  }
}
