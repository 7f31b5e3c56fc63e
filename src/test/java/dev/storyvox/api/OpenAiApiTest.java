package dev.storyvox.api;

import static dev.storyvox.api.HttpVerticleTest.assertOpenAiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.audio.VadAudio;
import dev.storyvox.stt.SttTestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OpenAI-compatible {@code /v1/audio/transcriptions} and {@code /v1/models} on the tiny random model. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class OpenAiApiTest {

  static final Pattern SRT_CUE =
      Pattern.compile("\\d+\n\\d{2}:\\d{2}:\\d{2},\\d{3} --> \\d{2}:\\d{2}:\\d{2},\\d{3}\n" + SttTestConfig.MODEL_TEXT);
  private static final Pattern VTT_CUE =
      Pattern.compile("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} --> \\d{2}:\\d{2}:\\d{2}\\.\\d{3}\n" + SttTestConfig.MODEL_TEXT);

  private static WebClient client;
  private static Buffer jfk;
  /** jfk.wav three times over (33 s): two of whisper's 30 s windows, so more than one segment on any engine. */
  private static Buffer longSpeech;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) throws IOException {
    jfk = Buffer.buffer(Files.readAllBytes(TestData.audio("jfk.mp3")));
    float[] speech = VadAudio.fixture("jfk.wav");
    longSpeech = Buffer.buffer(new VadAudio(33.5).put(speech, 0).put(speech, 11).put(speech, 22).wav());
    TestServer.start(vertx, SttTestConfig.tinyRandom()).onComplete(ctx.succeeding(port -> {
      client = TestServer.client(vertx, port);
      ctx.completeNow();
    }));
  }

  @Test
  void jsonIsJustTheText(VertxTestContext ctx) {
    post(form("json")).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode(), r.bodyAsString());
      JsonObject body = r.bodyAsJsonObject();
      assertEquals(1, body.size());
      assertTrue(body.getString("text").startsWith(SttTestConfig.MODEL_TEXT));
      ctx.completeNow();
    })));
  }

  @Test
  void textIsPlain(VertxTestContext ctx) {
    post(form("text")).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode());
      assertTrue(r.getHeader("content-type").startsWith("text/plain"));
      assertTrue(r.bodyAsString().startsWith(SttTestConfig.MODEL_TEXT), r.bodyAsString());
      ctx.completeNow();
    })));
  }

  @Test
  void srtHasNumberedCuesWithCommaMilliseconds(VertxTestContext ctx) {
    post(form("srt")).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode());
      assertTrue(r.getHeader("content-type").startsWith("application/x-subrip"));
      String srt = r.bodyAsString();
      assertTrue(srt.startsWith("1\n00:00:"), srt);
      String[] cues = srt.split("\n\n");
      for (String cue : cues) {
        assertTrue(SRT_CUE.matcher(cue).matches(), cue);
      }
      assertTrue(srt.endsWith("\n\n"));
      ctx.completeNow();
    })));
  }

  @Test
  void vttStartsWithItsHeaderAndUsesDotMilliseconds(VertxTestContext ctx) {
    post(form("vtt")).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode());
      assertTrue(r.getHeader("content-type").startsWith("text/vtt"));
      String vtt = r.bodyAsString();
      assertTrue(vtt.startsWith("WEBVTT\n\n00:00:"), vtt);
      for (String cue : vtt.substring("WEBVTT\n\n".length()).split("\n\n")) {
        assertTrue(VTT_CUE.matcher(cue).matches(), cue);
      }
      ctx.completeNow();
    })));
  }

  @Test
  void verboseJsonHasOpenAisSegmentFieldsAndTheLanguageByName(VertxTestContext ctx) {
    post(form("verbose_json").attribute("timestamp_granularities[]", "segment").attribute("temperature", "0.2"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode(), r.bodyAsString());
          JsonObject body = r.bodyAsJsonObject();
          assertEquals("transcribe", body.getString("task"));
          assertEquals("english", body.getString("language"));
          assertEquals(11.0, body.getDouble("duration"), 0.1);
          JsonArray segments = body.getJsonArray("segments");
          assertFalse(segments.isEmpty());
          for (int i = 0; i < segments.size(); i++) {
            JsonObject segment = segments.getJsonObject(i);
            assertEquals(i, segment.getInteger("id"));
            assertEquals(SttTestConfig.MODEL_TEXT, segment.getString("text").strip());
            assertTrue(segment.getDouble("start") < segment.getDouble("end"));
            assertTrue(segment.getDouble("end") <= body.getDouble("duration"));
            assertEquals(0.2, segment.getDouble("temperature"), 1e-6);
            assertTrue(segment.getDouble("avg_logprob") <= 0);
            assertTrue(segment.getDouble("compression_ratio") > 0);
            for (String key : new String[] {"seek", "tokens", "no_speech_prob"}) {
              assertTrue(segment.containsKey(key), key);
            }
          }
          ctx.completeNow();
        })));
  }

  @Test
  void wordTimestampsAreTheSegmentsWordsInOrderInsideThem(VertxTestContext ctx) {
    post(longForm("verbose_json").attribute("timestamp_granularities[]", "word")
        .attribute("timestamp_granularities[]", "segment"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(200, r.statusCode(), r.bodyAsString());
          JsonObject body = r.bodyAsJsonObject();
          JsonArray segments = body.getJsonArray("segments");
          JsonArray words = body.getJsonArray("words");
          int next = 0;
          double previousEnd = 0;
          for (int i = 0; i < segments.size(); i++) {
            JsonObject segment = segments.getJsonObject(i);
            for (String expected : segment.getString("text").strip().split("\\s+")) {
              JsonObject word = words.getJsonObject(next++);
              assertEquals(expected, word.getString("word"));
              assertTrue(word.getDouble("start") >= Math.max(previousEnd, segment.getDouble("start")), word::encode);
              assertTrue(word.getDouble("end") >= word.getDouble("start"), word::encode);
              assertTrue(word.getDouble("end") <= segment.getDouble("end"), word::encode);
              previousEnd = word.getDouble("end");
            }
          }
          assertEquals(words.size(), next);
          assertTrue(previousEnd > 5, "words cover the audio, not one point: " + previousEnd);
          ctx.completeNow();
        })));
  }

  @Test
  void onlyWordGranularityAnswersWordsWithoutSegmentsAndNeedsVerboseJson(VertxTestContext ctx) {
    post(form("verbose_json").attribute("timestamp_granularities[]", "word"))
        .compose(r -> {
          ctx.verify(() -> {
            assertEquals(200, r.statusCode(), r.bodyAsString());
            assertFalse(r.bodyAsJsonObject().containsKey("segments"));
            assertEquals("This", r.bodyAsJsonObject().getJsonArray("words").getJsonObject(0).getString("word"));
          });
          return post(form("json").attribute("timestamp_granularities[]", "word"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertParam(r, "timestamp_granularities[]");
          ctx.completeNow();
        })));
  }

  @Test
  void streamAnswersOpenAisTranscriptEvents(VertxTestContext ctx) {
    post(longForm("json").attribute("stream", "true")).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode(), r.bodyAsString());
      assertTrue(r.getHeader("content-type").startsWith("text/event-stream"), r.getHeader("content-type"));
      String[] events = r.bodyAsString().split("\n\n");
      StringBuilder deltas = new StringBuilder();
      for (int i = 0; i < events.length; i++) {
        assertTrue(events[i].startsWith("data: "), events[i]);
        JsonObject event = new JsonObject(events[i].substring("data: ".length()));
        if (i < events.length - 1) {
          assertEquals("transcript.text.delta", event.getString("type"));
          deltas.append(event.getString("delta"));
        } else {
          assertEquals("transcript.text.done", event.getString("type"));
          assertEquals(deltas.toString(), event.getString("text"));
          assertTrue(event.getString("text").startsWith(SttTestConfig.MODEL_TEXT + " " + SttTestConfig.MODEL_TEXT));
        }
      }
      assertTrue(events.length > 2, "one delta per segment");
      assertTrue(r.bodyAsString().endsWith("\n\n"));
      ctx.completeNow();
    })));
  }

  @Test
  void streamWithSubtitlesOrABadValueIsRefused(VertxTestContext ctx) {
    post(form("srt").attribute("stream", "true"))
        .compose(r -> {
          ctx.verify(() -> assertParam(r, "stream"));
          return post(form("json").attribute("stream", "yes"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertParam(r, "stream");
          ctx.completeNow();
        })));
  }

  @Test
  void aMissingFileOrModelOrABadFormatIsAnOpenAiError(VertxTestContext ctx) {
    post(MultipartForm.create().attribute("model", "whisper-1"))
        .compose(r -> {
          ctx.verify(() -> assertParam(r, "file"));
          return post(MultipartForm.create().binaryFileUpload("file", "jfk.mp3", jfk, "audio/mpeg"));
        })
        .compose(r -> {
          ctx.verify(() -> assertParam(r, "model"));
          return post(form("docx"));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertParam(r, "response_format");
          ctx.completeNow();
        })));
  }

  @Test
  void modelsListTheAliasAndTheModelFile(VertxTestContext ctx) {
    client.get("/v1/models").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(200, r.statusCode());
      JsonObject body = r.bodyAsJsonObject();
      assertEquals("list", body.getString("object"));
      JsonArray data = body.getJsonArray("data");
      assertEquals("whisper-1", data.getJsonObject(0).getString("id"));
      assertEquals("tiny-random-whisper", data.getJsonObject(1).getString("id"));
      for (int i = 0; i < data.size(); i++) {
        assertEquals("model", data.getJsonObject(i).getString("object"));
        assertEquals("storyvox", data.getJsonObject(i).getString("owned_by"));
        assertTrue(data.getJsonObject(i).getLong("created") > 1_600_000_000L);
      }
      ctx.completeNow();
    })));
  }

  private static MultipartForm form(String format) {
    return MultipartForm.create().attribute("model", "whisper-1").attribute("language", "en")
        .attribute("response_format", format).binaryFileUpload("file", "jfk.mp3", jfk, "audio/mpeg");
  }

  private static MultipartForm longForm(String format) {
    return MultipartForm.create().attribute("model", "whisper-1").attribute("language", "en")
        .attribute("response_format", format).binaryFileUpload("file", "speech.wav", longSpeech, "audio/wav");
  }

  private static Future<HttpResponse<Buffer>> post(MultipartForm form) {
    return client.post("/v1/audio/transcriptions").sendMultipartForm(form);
  }

  static void assertParam(HttpResponse<Buffer> r, String param) {
    assertOpenAiError(r, 400);
    assertEquals(param, r.bodyAsJsonObject().getJsonObject("error").getString("param"), r.bodyAsString());
  }
}
