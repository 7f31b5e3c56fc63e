package dev.storyvox.api;

import dev.storyvox.stt.Transcript;
import dev.storyvox.stt.TranscriptSegment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;

/**
 * A {@link Transcript} in OpenAI's response formats: {@code json}, {@code text}, {@code verbose_json},
 * {@code srt} and {@code vtt}, and as the events of a streamed transcription.
 *
 * <p>In {@code verbose_json}, fields whisper.cpp does not expose are derived or neutral:
 * {@code avg_logprob} is the log of the segment's mean token probability, {@code compression_ratio} is
 * the text's UTF-8 length over its zlib-compressed length (as OpenAI computes it), {@code seek} is the
 * segment start in 10 ms frames and {@code tokens} is empty; {@code no_speech_prob} is whisper.cpp 1.9's
 * (0 on 1.7.1, which has none).
 */
final class OpenAiTranscripts {

  private static final double MIN_PROBABILITY = 1e-10;

  private OpenAiTranscripts() {
  }

  /** The segment's mean token probability: its confidence without the {@code 1 − no_speech_prob} factor. */
  private static double tokenProbability(TranscriptSegment segment) {
    double speech = 1 - segment.noSpeechProb();
    return speech <= 0 ? 0 : Math.min(1, segment.confidence() / speech);
  }

  /** {@code {"text": …}}. */
  static JsonObject json(Transcript transcript) {
    return new JsonObject().put("text", transcript.text());
  }

  /**
   * {@code verbose_json}: task ({@code transcribe} or {@code translate}), language by English name, duration,
   * text, the segments unless only words were asked for, and the words when the transcript has them.
   */
  static JsonObject verbose(Transcript transcript, float temperature, String task, boolean withSegments) {
    JsonArray segments = new JsonArray();
    for (int i = 0; i < transcript.segments().size(); i++) {
      TranscriptSegment segment = transcript.segments().get(i);
      segments.add(new JsonObject()
          .put("id", i)
          .put("seek", (int) Math.round(segment.start() * 100))
          .put("start", segment.start())
          .put("end", segment.end())
          .put("text", segment.text())
          .put("tokens", new JsonArray())
          .put("temperature", (double) temperature)
          .put("avg_logprob", Math.log(Math.max(tokenProbability(segment), MIN_PROBABILITY)))
          .put("compression_ratio", compressionRatio(segment.text()))
          .put("no_speech_prob", segment.noSpeechProb()));
    }
    JsonObject verbose = new JsonObject().put("task", task).put("language", languageName(transcript.language()))
        .put("duration", transcript.durationSeconds()).put("text", transcript.text());
    if (withSegments) {
      verbose.put("segments", segments);
    }
    if (!transcript.words().isEmpty() || !withSegments) {
      JsonArray words = new JsonArray();
      transcript.words().forEach(w -> words.add(new JsonObject().put("word", w.word()).put("start", w.start())
          .put("end", w.end())));
      verbose.put("words", words);
    }
    return verbose;
  }

  /**
   * The events of a streamed transcription: a {@code transcript.text.delta} per segment whose deltas join to
   * the text, then {@code transcript.text.done} with the whole text.
   */
  static List<JsonObject> events(Transcript transcript) {
    List<JsonObject> events = new ArrayList<>();
    StringBuilder joined = new StringBuilder();
    transcript.segments().forEach(segment -> joined.append(segment.text()));
    int from = joined.length() - joined.toString().stripLeading().length();
    int to = from + transcript.text().length();
    int at = 0;
    for (TranscriptSegment segment : transcript.segments()) {
      int start = Math.max(at, from);
      int end = Math.min(at + segment.text().length(), to);
      at += segment.text().length();
      if (start < end) {
        events.add(new JsonObject().put("type", "transcript.text.delta").put("delta", joined.substring(start, end)));
      }
    }
    events.add(new JsonObject().put("type", "transcript.text.done").put("text", transcript.text()));
    return events;
  }

  /** SubRip: numbered cues from 1, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, a blank line after each. */
  static String srt(Transcript transcript) {
    StringBuilder out = new StringBuilder();
    int cue = 1;
    for (TranscriptSegment segment : transcript.segments()) {
      out.append(cue++).append('\n')
          .append(timestamp(segment.start(), ',')).append(" --> ").append(timestamp(segment.end(), ','))
          .append('\n').append(segment.text().strip()).append("\n\n");
    }
    return out.toString();
  }

  /** WebVTT: the {@code WEBVTT} header, then cues {@code HH:MM:SS.mmm --> HH:MM:SS.mmm}. */
  static String vtt(Transcript transcript) {
    StringBuilder out = new StringBuilder("WEBVTT\n\n");
    for (TranscriptSegment segment : transcript.segments()) {
      out.append(timestamp(segment.start(), '.')).append(" --> ").append(timestamp(segment.end(), '.'))
          .append('\n').append(segment.text().strip()).append("\n\n");
    }
    return out.toString();
  }

  /** {@code HH:MM:SS} then {@code separator} and milliseconds. */
  static String timestamp(double seconds, char separator) {
    long millis = Math.round(seconds * 1000);
    return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60,
        millis / 1000 % 60, separator, millis % 1000);
  }

  /** The language's lower-case English name as OpenAI reports it ({@code ko} → {@code korean}). */
  static String languageName(String code) {
    String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
    return name.isEmpty() ? code : name.toLowerCase(Locale.ROOT);
  }

  private static double compressionRatio(String text) {
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    if (raw.length == 0) {
      return 0;
    }
    Deflater deflater = new Deflater();
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] chunk = new byte[256];
    while (!deflater.finished()) {
      compressed.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
    return raw.length / (double) compressed.size();
  }
}
