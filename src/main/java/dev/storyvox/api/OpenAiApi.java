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
 * {@code timestamp_granularities[]}, {@code stream}), {@code POST /v1/audio/translations} (whisper's
 * translate task: any spoken language to English text; {@code file}, {@code model}, {@code prompt},
 * {@code temperature}, {@code response_format}) answered in OpenAI's shapes, and {@code GET /v1/models}.
 *
 * <p>Any {@code model} is accepted and the loaded whisper model is used. {@code timestamp_granularities[]=word}
 * (with {@code verbose_json}) adds {@code words} timed by whisper.cpp's token timestamps. {@code stream=true}
 * (with {@code json} or {@code text}) answers {@code text/event-stream}: one {@code transcript.text.delta} event
 * per segment, then {@code transcript.text.done}; whisper decodes the upload whole, so the events follow the
 * decode rather than the audio.
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
    builder.getRoute("createTranscription").addHandler(rc -> transcribe(rc, false));
    builder.getRoute("createTranslation").addHandler(rc -> transcribe(rc, true));
    builder.getRoute("listModels").addHandler(this::models);
  }

  private void transcribe(RoutingContext rc, boolean translate) {
    UploadForm form = new UploadForm(rc);
    Options options;
    try {
      options = translate ? Options.translation(form) : Options.transcription(form);
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
    if (options.stream()) {
      return events(rc, OpenAiTranscripts.events(transcript));
    }
    return switch (options.format()) {
      case "text" -> text(rc, "text/plain", transcript.text());
      case "srt" -> text(rc, "application/x-subrip", OpenAiTranscripts.srt(transcript));
      case "vtt" -> text(rc, "text/vtt", OpenAiTranscripts.vtt(transcript));
      case "verbose_json" -> Responses.json(rc, 200, OpenAiTranscripts.verbose(transcript, options.temperature(),
          options.translate() ? "translate" : "transcribe", options.segments()));
      default -> Responses.json(rc, 200, OpenAiTranscripts.json(transcript));
    };
  }

  /** Server-sent events as OpenAI streams them: {@code data: <json>} and a blank line each, no event names. */
  private static Future<Void> events(RoutingContext rc, List<JsonObject> events) {
    StringBuilder body = new StringBuilder();
    events.forEach(event -> body.append("data: ").append(event.encode()).append("\n\n"));
    return rc.response().putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache").setChunked(true).end(body.toString());
  }

  private static Future<Void> text(RoutingContext rc, String type, String body) {
    return rc.response().putHeader("content-type", type + "; charset=utf-8").end(body);
  }

  /** The form's fields other than the file, checked before the upload is read. */
  private record Options(String format, String language, String prompt, float temperature, boolean translate,
                         boolean words, boolean segments, boolean stream) {

    static Options transcription(UploadForm form) {
      form.required("model", 256);
      String format = responseFormat(form);
      List<String> granularities = granularities(form.fields(GRANULARITIES));
      boolean words = granularities.contains("word");
      if (words && !"verbose_json".equals(format)) {
        throw UploadForm.invalid(GRANULARITIES, "timestamp_granularities[]=word needs response_format verbose_json");
      }
      boolean stream = stream(form);
      if (stream && !Set.of("json", "text").contains(format)) {
        throw UploadForm.invalid("stream", "stream=true answers text events; response_format must be json or text, "
            + "not '" + format + "'");
      }
      return new Options(format, form.field("language", WhisperRequest.AUTO, 16), form.field("prompt", null, 20_000),
          temperature(form), false, words, !words || granularities.contains("segment"), stream);
    }

    static Options translation(UploadForm form) {
      form.required("model", 256);
      return new Options(responseFormat(form), WhisperRequest.AUTO, form.field("prompt", null, 20_000),
          temperature(form), true, false, true, false);
    }

    SttRequest request(byte[] audio) {
      return new SttRequest(audio, null, language, prompt, temperature, translate, words);
    }

    private static String responseFormat(UploadForm form) {
      String format = form.field("response_format", "json", 32);
      if (!FORMATS.contains(format)) {
        throw UploadForm.invalid("response_format",
            "response_format must be one of json, text, srt, vtt, verbose_json, not '" + format + "'");
      }
      return format;
    }

    private static List<String> granularities(List<String> granularities) {
      for (String granularity : granularities) {
        if (!"segment".equals(granularity) && !"word".equals(granularity)) {
          throw UploadForm.invalid(GRANULARITIES,
              "timestamp_granularities[] must be segment or word, not '" + granularity + "'");
        }
      }
      return granularities;
    }

    private static boolean stream(UploadForm form) {
      String value = form.field("stream", "false", 8);
      if (!"true".equals(value) && !"false".equals(value)) {
        throw UploadForm.invalid("stream", "stream must be true or false, not '" + value + "'");
      }
      return Boolean.parseBoolean(value);
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
