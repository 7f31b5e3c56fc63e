package dev.storyvox.api;

import dev.storyvox.stt.SttClient;
import dev.storyvox.stt.SttRequest;
import dev.storyvox.stt.Transcript;
import dev.storyvox.stt.TranscriptSegment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * IMYME's {@code POST /api/v1/transcriptions}: transcribes the audio at {@code audioUrl} and answers the
 * transcript in the envelope. Download, format and engine failures come back as their error codes
 * (INVALID_URL, DOWNLOAD_FAILURE, UNSUPPORTED_FORMAT, STT_FAILURE, BUSY, MODEL_UNAVAILABLE).
 */
public final class SttApi implements Api {

  private final SttClient stt;

  public SttApi(SttClient stt) {
    this.stt = stt;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("transcribe").addHandler(this::transcribe);
  }

  private void transcribe(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    stt.transcribe(SttRequest.ofUrl(body.getString("audioUrl"), body.getString("language")), RequestIds.of(rc))
        .onSuccess(transcript -> Responses.envelope(rc, 200, toJson(transcript)))
        .onFailure(rc::fail);
  }

  /** The contract's {@code Transcription}: text, language, durationSeconds, segments and confidence. */
  static JsonObject toJson(Transcript transcript) {
    JsonArray segments = new JsonArray();
    for (TranscriptSegment segment : transcript.segments()) {
      segments.add(new JsonObject().put("start", segment.start()).put("end", segment.end())
          .put("text", segment.text().strip()).put("confidence", segment.confidence()));
    }
    return new JsonObject().put("text", transcript.text()).put("language", transcript.language())
        .put("durationSeconds", transcript.durationSeconds()).put("segments", segments)
        .put("confidence", transcript.confidence());
  }
}
