package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.storyvox.stt.Transcript;
import dev.storyvox.stt.TranscriptSegment;
import dev.storyvox.stt.TranscriptWord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAI's subtitle and language formats, on hand-made transcripts. */
class OpenAiTranscriptsTest {

  private static final Transcript TWO = new Transcript("Hello there. 안녕.", "ko", 3725.5, List.of(
      new TranscriptSegment(0.0, 1.25, " Hello there.", 0.9, 3),
      new TranscriptSegment(3599.999, 3725.5, " 안녕.", 0.5, 2)), 0.74);

  @Test
  void srtNumbersCuesAndWritesHoursMinutesSecondsCommaMillis() {
    assertEquals("1\n00:00:00,000 --> 00:00:01,250\nHello there.\n\n"
        + "2\n00:59:59,999 --> 01:02:05,500\n안녕.\n\n", OpenAiTranscripts.srt(TWO));
  }

  @Test
  void vttHasTheHeaderAndDotMillis() {
    assertEquals("WEBVTT\n\n00:00:00.000 --> 00:00:01.250\nHello there.\n\n"
        + "00:59:59.999 --> 01:02:05.500\n안녕.\n\n", OpenAiTranscripts.vtt(TWO));
  }

  @Test
  void noSegmentsGiveEmptySubtitles() {
    Transcript silent = new Transcript("", "en", 0.5, List.of(), 0);
    assertEquals("", OpenAiTranscripts.srt(silent));
    assertEquals("WEBVTT\n\n", OpenAiTranscripts.vtt(silent));
  }

  @Test
  void languagesAreLowerCaseEnglishNames() {
    assertEquals("korean", OpenAiTranscripts.languageName("ko"));
    assertEquals("english", OpenAiTranscripts.languageName("en"));
    assertEquals("japanese", OpenAiTranscripts.languageName("ja"));
  }

  @Test
  void verboseSegmentsCarryTheLogOfTheirMeanProbability() {
    var segment = OpenAiTranscripts.verbose(TWO, 0f, "transcribe", true).getJsonArray("segments").getJsonObject(1);
    assertEquals(Math.log(0.5), segment.getDouble("avg_logprob"), 1e-9);
    assertEquals(1, segment.getInteger("id"));
    assertEquals("korean", OpenAiTranscripts.verbose(TWO, 0f, "transcribe", true).getString("language"));
  }

  @Test
  void streamedDeltasJoinToTheDoneTextOnePerSegment() {
    List<JsonObject> events = OpenAiTranscripts.events(TWO);
    assertEquals(List.of(
        new JsonObject().put("type", "transcript.text.delta").put("delta", "Hello there."),
        new JsonObject().put("type", "transcript.text.delta").put("delta", " 안녕."),
        new JsonObject().put("type", "transcript.text.done").put("text", "Hello there. 안녕.")), events);
    assertEquals(List.of(new JsonObject().put("type", "transcript.text.done").put("text", "")),
        OpenAiTranscripts.events(new Transcript("", "en", 0.5, List.of(), 0)));
  }

  @Test
  void wordsComeAfterTheSegmentsAndAloneWhenOnlyWordsWereAskedFor() {
    Transcript timed = new Transcript(TWO.text(), "ko", 3725.5, TWO.segments(), 0.74, List.of(
        new TranscriptWord("Hello", 0.0, 0.5), new TranscriptWord("there.", 0.5, 1.25)));
    JsonObject both = OpenAiTranscripts.verbose(timed, 0f, "transcribe", true);
    assertEquals(2, both.getJsonArray("segments").size());
    assertEquals(new JsonArray().add(new JsonObject().put("word", "Hello").put("start", 0.0).put("end", 0.5))
        .add(new JsonObject().put("word", "there.").put("start", 0.5).put("end", 1.25)), both.getJsonArray("words"));
    JsonObject words = OpenAiTranscripts.verbose(timed, 0f, "transcribe", false);
    assertEquals(false, words.containsKey("segments"));
    assertEquals(2, words.getJsonArray("words").size());
    assertEquals(false, OpenAiTranscripts.verbose(TWO, 0f, "translate", true).containsKey("words"));
    assertEquals("translate", OpenAiTranscripts.verbose(TWO, 0f, "translate", true).getString("task"));
  }
}
