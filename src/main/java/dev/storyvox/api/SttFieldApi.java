package dev.storyvox.api;

import dev.storyvox.bus.ServiceException;
import dev.storyvox.stt.FieldParser;
import dev.storyvox.stt.FieldType;
import dev.storyvox.stt.SttClient;
import dev.storyvox.stt.SttRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.Locale;

/**
 * Storybook's {@code POST /api/stt/field}: a child's spoken answer for one field (multipart {@code audio_file},
 * {@code field_type}, {@code language} default {@code ko-KR}) becomes the raw transcript, the value parsed
 * out of it by {@link FieldParser} and the engine's confidence in [0, 1] (0 when the transcript is nothing but
 * one of whisper's hallucinations on silence, such as 시청해 주셔서 감사합니다).
 */
public final class SttFieldApi implements Api {

  private static final String DEFAULT_LANGUAGE = "ko-KR";

  private final Vertx vertx;
  private final SttClient stt;

  public SttFieldApi(Vertx vertx, SttClient stt) {
    this.vertx = vertx;
    this.stt = stt;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("sttField").addHandler(this::field);
  }

  private void field(RoutingContext rc) {
    UploadForm form = new UploadForm(rc);
    FieldType type;
    String language;
    try {
      type = FieldType.fromWire(form.required("field_type", 32));
      language = whisperLanguage(form.field("language", DEFAULT_LANGUAGE, 16));
    } catch (ServiceException e) {
      rc.fail(e);
      return;
    }
    form.file(vertx, "audio_file")
        .compose(audio -> stt.transcribe(SttRequest.ofAudio(audio, language), RequestIds.of(rc)))
        .onSuccess(transcript -> Responses.json(rc, 200, new JsonObject()
            .put("field_type", type.wire())
            .put("stt_text", transcript.text())
            .put("parsed_value", FieldParser.parse(type, transcript.text()))
            .put("confidence", FieldParser.onlyHallucinations(transcript.text()) ? 0.0 : transcript.confidence())))
        .onFailure(rc::fail);
  }

  /** A BCP 47 tag such as {@code ko-KR} as the language code whisper takes ({@code ko}). */
  static String whisperLanguage(String tag) {
    return tag.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
  }
}
