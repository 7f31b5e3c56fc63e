package dev.storyvox.tts;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.TtsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks with the {@code espeak-ng} program (Debian package {@code espeak-ng}, which has a Korean voice):
 * {@code espeak-ng -v <voice> -s <rate> -p <pitch> -w <tmp.wav> -- <text>}, one process per request with a
 * bounded wait; the temporary WAV is always deleted. Blocking: run it on a worker thread.
 */
public final class EspeakEngine implements TtsEngine {

  /** The {@code tts.engine} name. */
  public static final String NAME = "espeak";
  /** What to run to install the engine. */
  public static final String INSTALL_HINT = "apt-get install espeak-ng";

  private static final Logger LOG = LoggerFactory.getLogger(EspeakEngine.class);
  private static final Pattern VOICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_+./-]{0,63}");
  private static final int MAX_STDERR = 2000;

  private final String command;
  private final int rate;
  private final int pitch;
  private final long timeoutMs;

  /** The engine configured by {@code tts.rate}, {@code tts.pitch} and {@code tts.timeoutMs}, run from the PATH. */
  public EspeakEngine(TtsConfig config) {
    this("espeak-ng", config.rate(), config.pitch(), config.timeoutMs());
  }

  /** An engine running {@code command} (tests point it at a missing path). */
  EspeakEngine(String command, int rate, int pitch, long timeoutMs) {
    this.command = command;
    this.rate = rate;
    this.pitch = pitch;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Readiness probe() {
    try {
      String version = new String(run(List.of(command, "--version")), StandardCharsets.UTF_8).strip();
      return Readiness.ready(version.split("\\s+Data at")[0] + " (" + command + "), " + rate + " wpm");
    } catch (ServiceException e) {
      return Readiness.unavailable(e.getMessage());
    }
  }

  @Override
  public SpeechReply synthesize(String text, String voice) {
    if (!VOICE.matcher(voice).matches()) {
      throw new ServiceException(ErrorCode.INVALID_REQUEST, "voice " + voice + " is not an espeak-ng voice name");
    }
    Path wav = null;
    try {
      wav = Files.createTempFile("storyvox-tts-", ".wav");
      run(List.of(command, "-v", voice, "-s", Integer.toString(rate), "-p", Integer.toString(pitch),
          "-w", wav.toString(), "--", text));
      byte[] bytes = Files.readAllBytes(wav);
      return new SpeechReply(bytes, WavInfo.durationSeconds(bytes));
    } catch (IOException | IllegalArgumentException e) {
      throw new ServiceException(ErrorCode.TTS_FAILURE, "espeak-ng produced no usable WAV: " + e.getMessage(), e);
    } finally {
      delete(wav);
    }
  }

  /** Runs {@code args}, answering stdout; fails with TTS_FAILURE when it cannot start, fails or hangs. */
  private byte[] run(List<String> args) {
    Process process;
    try {
      process = new ProcessBuilder(args).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new ServiceException(ErrorCode.TTS_FAILURE, "espeak-ng is not installed or cannot run (" + command
          + "); install it with: " + INSTALL_HINT, e);
    }
    try (InputStream out = process.getInputStream()) {
      process.getOutputStream().close();
      if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        throw new ServiceException(ErrorCode.TTS_FAILURE, "espeak-ng did not finish within " + timeoutMs
            + " ms (tts.timeoutMs)");
      }
      byte[] output = out.readNBytes(MAX_STDERR);
      if (process.exitValue() != 0) {
        throw new ServiceException(ErrorCode.TTS_FAILURE, "espeak-ng exited with " + process.exitValue() + ": "
            + new String(output, StandardCharsets.UTF_8).strip());
      }
      return output;
    } catch (IOException e) {
      throw new ServiceException(ErrorCode.TTS_FAILURE, "espeak-ng failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceException(ErrorCode.TTS_FAILURE, "interrupted while espeak-ng was speaking", e);
    } finally {
      process.destroyForcibly();
    }
  }

  private static void delete(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", file, e.getMessage());
    }
  }
}
