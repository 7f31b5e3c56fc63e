package dev.storyvox.api;

import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.SttConfig;
import dev.storyvox.stt.SttClient;
import dev.storyvox.stt.SttRequest;
import dev.storyvox.stt.Transcript;
import dev.storyvox.stt.WhisperRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * OpenAI-compatible speech-to-text: {@code POST /v1/audio/transcriptions} (multipart {@code file},
 * {@code model}, {@code language}, {@code prompt}, {@code temperature}, {@code response_format},
 * {@code timestamp_granularities[]}) answered in OpenAI's shapes, and {@code GET /v1/models}.
 *
 * <p>Any {@code model} is accepted and the loaded whisper model is used. Word timestamps are refused with
 * 400: whisper.cpp's token timestamps are not read by the engine, and made-up word times would mislead.
 */
public final class OpenAiApi implements Api {

  /** The model id OpenAI clients send; listed beside the model file's own name. */
  public static final String ALIAS = "whisper-1";
  private static final Set<String> FORMATS = Set.of("json", "text", "srt", "vtt", "verbose_json");
  private static final String GRANULARITIES = "timestamp_granularities[]";

  private final Vertx vertx;
  private final SttClient stt;
  private final SttConfig config;
  private final long startedAt = System.currentTimeMillis() / 1000;

  public OpenAiApi(Vertx vertx, SttClient stt, SttConfig config) {
    this.vertx = vertx;
    this.stt = stt;
    this.config = config;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("createTranscription").addHandler(this::transcribe);
    builder.getRoute("listModels").addHandler(this::models);
  }

  private void transcribe(RoutingContext rc) {
    UploadForm form = new UploadForm(rc);
    Options options;
    try {
      options = Options.of(form);
    } catch (ServiceException e) {
      rc.fail(e);
      return;
    }
    form.file(vertx, "file")
        .compose(audio -> stt.transcribe(options.request(audio), RequestIds.of(rc)))
        .compose(transcript -> answer(rc, options, transcript))
        .onFailure(rc::fail);
  }

  private static Future<Void> answer(RoutingContext rc, Options options, Transcript transcript) {
    return switch (options.format()) {
      case "text" -> text(rc, "text/plain", transcript.text());
      case "srt" -> text(rc, "application/x-subrip", OpenAiTranscripts.srt(transcript));
      case "vtt" -> text(rc, "text/vtt", OpenAiTranscripts.vtt(transcript));
      case "verbose_json" -> Responses.json(rc, 200, OpenAiTranscripts.verbose(transcript, options.temperature()));
      default -> Responses.json(rc, 200, OpenAiTranscripts.json(transcript));
    };
  }

  private static Future<Void> text(RoutingContext rc, String type, String body) {
    return rc.response().putHeader("content-type", type + "; charset=utf-8").end(body);
  }

  /** The form's fields other than the file, checked before the upload is read. */
  private record Options(String format, String language, String prompt, float temperature) {

    static Options of(UploadForm form) {
      form.required("model", 256);
      refuseWordTimestamps(form.fields(GRANULARITIES));
      return new Options(responseFormat(form), form.field("language", WhisperRequest.AUTO, 16),
          form.field("prompt", null, 20_000), temperature(form));
    }

    SttRequest request(byte[] audio) {
      return new SttRequest(audio, null, language, prompt, temperature);
    }

    private static String responseFormat(UploadForm form) {
      String format = form.field("response_format", "json", 32);
      if (!FORMATS.contains(format)) {
        throw UploadForm.invalid("response_format",
            "response_format must be one of json, text, srt, vtt, verbose_json, not '" + format + "'");
      }
      return format;
    }

    private static void refuseWordTimestamps(List<String> granularities) {
      for (String granularity : granularities) {
        if ("word".equals(granularity)) {
          throw UploadForm.invalid(GRANULARITIES,
              "word timestamps are not supported by this server; use timestamp_granularities[]=segment");
        }
        if (!"segment".equals(granularity)) {
          throw UploadForm.invalid(GRANULARITIES,
              "timestamp_granularities[] must be segment or word, not '" + granularity + "'");
        }
      }
    }

    private static float temperature(UploadForm form) {
      String text = form.field("temperature", "0", 32);
      try {
        float value = Float.parseFloat(text);
        if (value >= 0 && value <= 1) {
          return value;
        }
      } catch (NumberFormatException e) {
        // refused below, like any value out of range
      }
      throw UploadForm.invalid("temperature", "temperature must be a number from 0 to 1, not '" + text + "'");
    }
  }

  private void models(RoutingContext rc) {
    Path model = Path.of(config.model());
    vertx.fileSystem().props(model.toString())
        .map(props -> props.lastModifiedTime() / 1000)
        .otherwise(startedAt)
        .onSuccess(created -> Responses.json(rc, 200, new JsonObject().put("object", "list")
            .put("data", new JsonArray().add(entry(ALIAS, created)).add(entry(stem(model), created)))));
  }

  private static JsonObject entry(String id, long created) {
    return new JsonObject().put("id", id).put("object", "model").put("created", created).put("owned_by", "storyvox");
  }

  private static String stem(Path model) {
    String name = model.getFileName().toString();
    return name.endsWith(".bin") ? name.substring(0, name.length() - 4) : name;
  }
}
