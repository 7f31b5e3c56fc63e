package dev.storyvox.runpod;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.RunPodConfig;
import dev.storyvox.stt.Transcript;
import dev.storyvox.stt.TranscriptSegment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The input and output shapes of the RunPod workers storyvox can drive ({@code runpod.schema}): IMYME's own
 * worker (and storyvox's worker mode), or RunPod's official worker-faster_whisper.
 */
public enum RunPodSchema {
  /** {@code {audio_url | audio_base64, language}} → {@code {text, segments, language, duration?, processing_time}}. */
  IMYME {
    @Override
    public JsonObject input(RunPodJob job, RunPodConfig config) {
      JsonObject input = new JsonObject().put("language", job.language());
      return job.audioUrl() != null ? input.put("audio_url", job.audioUrl())
          : input.put("audio_base64", job.audioBase64());
    }

    @Override
    public JsonObject warmup(RunPodConfig config) {
      return new JsonObject().put("warmup", true);
    }

    @Override
    Transcript read(JsonObject output, RunPodJob job) {
      return build(output.getString("text"), output.getString("language", job.language()),
          output.getValue("duration"), segments(output.getJsonArray("segments"), false));
    }
  },
  /** {@code {audio | audio_base64, model, transcription, language, …}} → {@code {transcription, segments, detected_language}}. */
  FASTER_WHISPER {
    @Override
    public JsonObject input(RunPodJob job, RunPodConfig config) {
      JsonObject input = new JsonObject().put("model", config.model()).put("transcription", "plain_text")
          .put("translate", false).put("temperature", 0).put("enable_vad", false).put("word_timestamps", false)
          .put("language", "auto".equals(job.language()) ? null : job.language());
      return job.audioUrl() != null ? input.put("audio", job.audioUrl()) : input.put("audio_base64", job.audioBase64());
    }

    /** One second of silence: worker-faster_whisper's validator accepts it and the model is loaded for it. */
    @Override
    public JsonObject warmup(RunPodConfig config) {
      return input(new RunPodJob("warmup", null, Base64.getEncoder().encodeToString(silentWav()), "auto"), config);
    }

    @Override
    Transcript read(JsonObject output, RunPodJob job) {
      return build(output.getString("transcription"), output.getString("detected_language", job.language()),
          null, segments(output.getJsonArray("segments"), true));
    }
  };

  /** The schema named by {@code runpod.schema}. */
  public static RunPodSchema of(String name) {
    return RunPodConfig.FASTER_WHISPER.equals(name) ? FASTER_WHISPER : IMYME;
  }

  /**
   * The job's {@code input} object. {@code enable_vad} is sent as {@code false}: an upload has been trimmed by
   * storyvox's own VAD ({@code stt.vad}) before it is sent.
   */
  public abstract JsonObject input(RunPodJob job, RunPodConfig config);

  /** The input of a warm-up job this schema's worker accepts. */
  public abstract JsonObject warmup(RunPodConfig config);

  /**
   * The transcript in RunPod job {@code id}'s COMPLETED output; an error in the output is the failure the
   * worker reported ({@link RunPodFailures#reported}); STT_FAILURE when the output is not of this schema.
   */
  public Transcript transcript(Object output, RunPodJob job, String id) {
    if (!(output instanceof JsonObject json)) {
      throw failure("the RunPod worker's output is not a JSON object: " + output);
    }
    if (json.getValue("error") != null) {
      throw RunPodFailures.reported("RunPod job " + id + " of request " + job.requestId(), id, JobStatus.COMPLETED,
          json.getValue("error"));
    }
    try {
      return read(json, job);
    } catch (ClassCastException | NullPointerException e) {
      throw failure("the RunPod worker's output does not match runpod.schema "
          + name().toLowerCase(Locale.ROOT).replace('_', '-') + ": " + e.getMessage());
    }
  }

  abstract Transcript read(JsonObject output, RunPodJob job);

  private static List<TranscriptSegment> segments(JsonArray array, boolean logprobs) {
    List<TranscriptSegment> segments = new ArrayList<>();
    for (int i = 0; array != null && i < array.size(); i++) {
      JsonObject s = array.getJsonObject(i);
      double confidence;
      int tokens;
      if (logprobs) {
        confidence = s.getValue("avg_logprob") instanceof Number lp ? Math.min(1, Math.exp(lp.doubleValue())) : 0;
        tokens = s.getValue("tokens") instanceof JsonArray t ? t.size() : 0;
      } else {
        confidence = s.getDouble("confidence", 0.0);
        tokens = s.getInteger("tokens", 0);
      }
      double noSpeech = s.getValue("no_speech_prob") instanceof Number p ? p.doubleValue() : 0;
      segments.add(new TranscriptSegment(s.getDouble("start"), s.getDouble("end"), s.getString("text", ""),
          confidence, tokens, noSpeech));
    }
    return segments;
  }

  private static Transcript build(String text, String language, Object duration,
                                       List<TranscriptSegment> segments) {
    if (text == null) {
      throw new NullPointerException("no transcript text");
    }
    double seconds = duration instanceof Number d ? d.doubleValue()
        : segments.isEmpty() ? 0 : segments.get(segments.size() - 1).end();
    return new Transcript(text.strip(), language, seconds, segments, confidence(segments));
  }

  private static double confidence(List<TranscriptSegment> segments) {
    double weighted = 0;
    int tokens = 0;
    for (TranscriptSegment s : segments) {
      weighted += s.confidence() * s.tokens();
      tokens += s.tokens();
    }
    if (tokens > 0) {
      return weighted / tokens;
    }
    return segments.stream().mapToDouble(TranscriptSegment::confidence).average().orElse(0);
  }

  /** One second of 16 kHz 16-bit mono silence as a WAV file. */
  static byte[] silentWav() {
    int samples = 16_000;
    ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
        .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
    return wav.array();
  }

  private static ServiceException failure(String message) {
    return new ServiceException(ErrorCode.STT_FAILURE, message);
  }
}
