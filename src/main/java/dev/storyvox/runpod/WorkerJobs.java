package dev.storyvox.runpod;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.stt.SttRequest;
import dev.storyvox.stt.Transcript;
import dev.storyvox.stt.TranscriptSegment;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * Runs one RunPod job's input on this process's local speech-to-text ({@code Addresses.STT_TRANSCRIBE},
 * which fetches, decodes and transcribes) and answers the body RunPod expects at job-done:
 * {@code {"output": {text, segments, language, duration, confidence, processing_time}}} or
 * {@code {"error": "CODE: message"}}. A {@code {"warmup": true}} input answers
 * {@code {"output": {"status": "success", "message": "Warmed up"}}}.
 */
final class WorkerJobs {

  private final Vertx vertx;
  private final DeliveryOptions delivery;

  /** Jobs that may take {@code timeoutMs} each. */
  WorkerJobs(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.delivery = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  /** The job-done body for {@code input}, any JSON value (a non-object is an error result); never fails. */
  Future<JsonObject> run(Object value) {
    if (!(value instanceof JsonObject input)) {
      return Future.succeededFuture(new JsonObject().put("error", ErrorCode.INVALID_REQUEST.name()
          + ": the job input must be a JSON object with audio_url or audio_base64, got " + describe(value)));
    }
    if (Boolean.TRUE.equals(input.getValue("warmup"))) {
      return Future.succeededFuture(new JsonObject().put("output",
          new JsonObject().put("status", "success").put("message", "Warmed up")));
    }
    long started = System.nanoTime();
    return request(input)
        .compose(request -> vertx.eventBus().<Transcript>request(Addresses.STT_TRANSCRIBE, request, delivery))
        .map(Message::body)
        .map(transcript -> new JsonObject().put("output", output(transcript, (System.nanoTime() - started) / 1e9)))
        .otherwise(e -> {
          ServiceException failure = Failures.toService(e);
          return new JsonObject().put("error", failure.code().name() + ": " + failure.getMessage());
        });
  }

  private static Future<SttRequest> request(JsonObject input) {
    try {
      String url = input.getString("audio_url", input.getString("audio"));
      String base64 = input.getString("audio_base64");
      String language = input.getString("language");
      if (url != null && base64 == null) {
        return Future.succeededFuture(SttRequest.ofUrl(url, language));
      }
      if (base64 != null && url == null) {
        return Future.succeededFuture(SttRequest.ofAudio(Base64.getDecoder().decode(base64), language));
      }
      return Future.failedFuture(invalid("the input needs exactly one of audio_url and audio_base64"));
    } catch (ClassCastException | IllegalArgumentException e) {
      return Future.failedFuture(invalid("unreadable input: " + e.getMessage()));
    }
  }

  private static String describe(Object value) {
    String text = value == null ? "null" : Json.encode(value);
    return text.length() > 100 ? text.substring(0, 100) + "…" : text;
  }

  private static ServiceException invalid(String message) {
    return new ServiceException(ErrorCode.INVALID_REQUEST, message);
  }

  private static JsonObject output(Transcript transcript, double seconds) {
    JsonArray segments = new JsonArray();
    for (int i = 0; i < transcript.segments().size(); i++) {
      TranscriptSegment s = transcript.segments().get(i);
      segments.add(new JsonObject().put("id", i).put("start", s.start()).put("end", s.end()).put("text", s.text())
          .put("confidence", s.confidence()).put("tokens", s.tokens()));
    }
    return new JsonObject().put("text", transcript.text()).put("segments", segments)
        .put("language", transcript.language()).put("duration", transcript.durationSeconds())
        .put("confidence", transcript.confidence()).put("processing_time", Math.round(seconds * 1000) / 1000.0);
  }
}
