package dev.storyvox.stt;

import dev.storyvox.audio.DecodedAudio;
import dev.storyvox.audio.SileroVad;
import dev.storyvox.audio.SpeechAudio;
import dev.storyvox.audio.SpeechSpans;
import dev.storyvox.audio.VadOptions;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.SttConfig;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice-activity detection between decoding and the recogniser ({@code stt.vad}): Silero VAD finds the speech,
 * the padded spans are joined ({@link SpeechAudio}) and only they are transcribed; a recording without speech
 * needs no engine at all ({@link #silence}); the transcript's times are mapped back to the recording
 * ({@link #restore}). With {@code stt.vad: none}, or when {@code stt.vadModel} is missing or unreadable (one
 * warning at start and a {@code vad} note on {@code /ready}), audio passes through whole. One ONNX session per
 * stage, shared by all calls; {@link #open} and {@link #speech} block: run them on a worker thread.
 */
final class VadStage implements AutoCloseable {

  /** The capability name {@code /ready} reports VAD under. */
  static final String CAPABILITY = "vad";
  /** What {@code /ready} says about VAD while its model loads. */
  static final Readiness LOADING = Readiness.loading("Silero VAD is loading");
  private static final Logger LOG = LoggerFactory.getLogger(VadStage.class);

  private final SileroVad vad;
  private final VadOptions options;
  private final Readiness readiness;

  private VadStage(SileroVad vad, VadOptions options, Readiness readiness) {
    this.vad = vad;
    this.options = options;
    this.readiness = readiness;
  }

  /** The stage {@code stt} configures; never fails (a model that does not load turns VAD off with a warning). */
  static VadStage open(SttConfig stt) {
    VadOptions options = new VadOptions(stt.vadThreshold(), stt.vadMinSpeechMs(), stt.vadMinSilenceMs(),
        stt.vadPadMs());
    if ("none".equals(stt.vad())) {
      return new VadStage(null, options, Readiness.disabled("stt.vad is none: all audio is transcribed"));
    }
    try {
      SileroVad vad = SileroVad.load(Path.of(stt.vadModel()));
      LOG.info("Silero VAD on ({}): threshold {}, min speech {} ms, min silence {} ms, padding {} ms",
          stt.vadModel(), options.threshold(), options.minSpeechMs(), options.minSilenceMs(), options.padMs());
      return new VadStage(vad, options, Readiness.ready("Silero VAD v5 (" + stt.vadModel() + ") before every "
          + "transcription"));
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      String reason = "VAD off, all audio is transcribed: " + e.getMessage()
          + " (bin/storyvox installs models/silero_vad_v5.onnx; or set stt.vad: none)";
      LOG.warn(reason);
      return new VadStage(null, options, Readiness.disabled(reason));
    }
  }

  /** Whether Silero runs. */
  boolean active() {
    return vad != null;
  }

  /** What {@code /ready} says about VAD. */
  Readiness readiness() {
    return readiness;
  }

  /**
   * The speech of {@code decoded}, joined; all of it when VAD is off. Blocks for the model's run; fails with
   * STT_FAILURE when ONNX Runtime does.
   */
  SpeechAudio speech(DecodedAudio decoded) {
    if (vad == null) {
      return SpeechAudio.whole(decoded.samples());
    }
    float[] samples = decoded.samples();
    try {
      List<SpeechSpans.Span> spans = SpeechSpans.find(vad.probabilities(samples), samples.length, options);
      return SpeechAudio.join(samples, spans);
    } catch (IllegalStateException e) {
      throw new ServiceException(ErrorCode.STT_FAILURE, "voice-activity detection failed: " + e.getMessage(), e);
    }
  }

  /** The transcript of a recording without speech: no text, no segments. */
  static Transcript silence(SpeechAudio speech, String language) {
    return new Transcript("", language, speech.originalSeconds(), List.of(), 0);
  }

  /** {@code transcript} of the joined speech with its segments' and words' times in the recording's timeline. */
  static Transcript restore(Transcript transcript, SpeechAudio speech) {
    if (speech.pieces().size() == 1 && speech.pieces().get(0).originalStart() == 0
        && speech.samples().length == speech.originalLength()) {
      return transcript;
    }
    List<TranscriptSegment> segments = transcript.segments().stream()
        .map(s -> {
          double start = speech.toOriginal(s.start(), false);
          return new TranscriptSegment(start, Math.max(start, speech.toOriginal(s.end(), true)), s.text(),
              s.confidence(), s.tokens(), s.noSpeechProb());
        })
        .toList();
    List<TranscriptWord> words = transcript.words().stream()
        .map(w -> {
          double start = speech.toOriginal(w.start(), false);
          return new TranscriptWord(w.word(), start, Math.max(start, speech.toOriginal(w.end(), true)));
        })
        .toList();
    return new Transcript(transcript.text(), transcript.language(), speech.originalSeconds(), segments,
        transcript.confidence(), words);
  }

  /** Frees the ONNX session. */
  @Override
  public void close() {
    if (vad != null) {
      vad.close();
    }
  }
}
