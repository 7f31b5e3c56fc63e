package dev.storyvox.runpod;

import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.RunPodConfig;
import dev.storyvox.stt.Transcript;
import dev.storyvox.stt.TranscriptSegment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
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

  /** The job's {@code input} object. */
  public abstract JsonObject input(RunPodJob job, RunPodConfig config);

  /** The transcript in a COMPLETED job's output; STT_FAILURE when the output is not of this schema. */
  public Transcript transcript(Object output, RunPodJob job) {
    if (!(output instanceof JsonObject json)) {
      throw failure("the RunPod worker's output is not a JSON object: " + output);
    }
    if (json.getValue("error") != null) {
      throw failure("the RunPod worker reported: " + json.getValue("error"));
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
      segments.add(new TranscriptSegment(s.getDouble("start"), s.getDouble("end"), s.getString("text", ""),
          confidence, tokens));
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

  private static ServiceException failure(String message) {
    return new ServiceException(ErrorCode.STT_FAILURE, message);
  }
}
