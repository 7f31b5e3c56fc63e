import dev.storyvox.audio.AudioDecoder;
import dev.storyvox.audio.DecodedAudio;
import dev.storyvox.config.EnginesConfig;
import dev.storyvox.config.GpuConfig;
import dev.storyvox.stt.WhisperEngine;
import dev.storyvox.stt.WhisperRequest;
import dev.storyvox.stt.WhisperSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Speech-to-text benchmark, run by {@code bin/bench}: FFmpeg decode time per minute of audio for every
 * fixture, then whisper.cpp's real-time factor (transcription time over audio time; below 1 is faster
 * than real time) for each test model on the WAV fixtures. Each figure is the best of {@value #RUNS} runs
 * after one warm-up. Arguments: the shared data folder (default {@code ../shared}) and whisper threads
 * (default 1).
 */
public final class SttBench {

  private static final int RUNS = 3;
  private static final List<String> MODELS = List.of("tiny-random-whisper.bin", "for-tests-ggml-tiny.bin");
  private static final List<String> SPEECH = List.of("jfk.wav", "ko_forest.wav", "ko_process.wav");

  public static void main(String[] args) throws IOException {
    Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Path audio = shared.resolve("fixtures/audio");
    AudioDecoder decoder = new AudioDecoder(1800);

    System.out.println("decode (FFmpeg in process, to 16 kHz mono float)");
    System.out.printf("%-16s %10s %12s %18s%n", "fixture", "audio s", "decode ms", "s per audio min");
    try (var files = Files.list(audio)) {
      for (Path file : files.sorted().toList()) {
        byte[] bytes = Files.readAllBytes(file);
        DecodedAudio decoded = decoder.decode(bytes);
        double seconds = best(() -> decoder.decode(bytes));
        System.out.printf(Locale.ROOT, "%-16s %10.2f %12.1f %18.3f%n", file.getFileName(),
            decoded.durationSeconds(), seconds * 1000, seconds / (decoded.durationSeconds() / 60));
      }
    }

    System.out.printf("%ntranscription (whisper.cpp, greedy, %d thread%s)%n", threads, threads == 1 ? "" : "s");
    System.out.printf("%-72s %-26s %-16s %10s %12s %8s%n", "engine", "model", "fixture", "audio s", "wall ms", "RTF");
    List<Path> installed = new EnginesConfig(null).folders("whisper", new GpuConfig("cpu", List.of(0), 1, 1));
    for (String model : MODELS) {
      WhisperSettings settings = new WhisperSettings(shared.resolve("models").resolve(model), 0, true, threads);
      transcribe(WhisperEngine.load(settings, null, installed), model, decoder, audio);
      transcribe(WhisperEngine.load(settings), model, decoder, audio);
    }
  }

  /** Real-time factor per speech fixture on one engine (the installed whisper.cpp, then the bundled 1.7.1). */
  private static void transcribe(WhisperEngine loaded, String model, AudioDecoder decoder, Path audio) throws IOException {
    try (WhisperEngine engine = loaded) {
      for (String name : SPEECH) {
        float[] samples = decoder.decode(Files.readAllBytes(audio.resolve(name))).samples();
        WhisperRequest request = WhisperRequest.defaults().withLanguage(name.startsWith("ko") ? "ko" : "en");
        engine.transcribe(samples, request);
        double seconds = best(() -> engine.transcribe(samples, request));
        double audioSeconds = samples.length / (double) WhisperEngine.SAMPLE_RATE;
        System.out.printf(Locale.ROOT, "%-72s %-26s %-16s %10.2f %12.1f %8.3f%n", engine.engine(), model, name,
            audioSeconds, seconds * 1000, seconds / audioSeconds);
      }
    }
  }

  private static double best(Supplier<?> run) {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < RUNS; i++) {
      long started = System.nanoTime();
      run.get();
      best = Math.min(best, (System.nanoTime() - started) / 1e9);
    }
    return best;
  }
}
