package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Calls the solo routes of a test server: submit, get, poll until a status, and read an event stream. */
final class SoloApiClient {

  static final String PATH = "/api/v1/solo/submissions";
  static final String MODEL_ANSWER = "프로세스(Process)란 컴퓨터에서 실행되고 있는 프로그램을 말합니다. "
      + "프로세스는 독립된 메모리 영역(Code, Data, Stack, Heap)을 할당받습니다.";

  private final Vertx vertx;
  private final WebClient client;
  private final HttpClientAgent streams;
  private final int port;

  SoloApiClient(Vertx vertx, WebClient client, int port) {
    this.vertx = vertx;
    this.client = client;
    this.streams = vertx.createHttpClient();
    this.port = port;
  }

  /** A submission body explaining "Process" with {@code userText}. */
  static JsonObject body(long attemptId, String userText) {
    return new JsonObject().put("attemptId", attemptId).put("userText", userText)
        .put("criteria", new JsonObject().put("keyword", "Process").put("modelAnswer", MODEL_ANSWER))
        .put("history", new JsonArray());
  }

  Future<HttpResponse<Buffer>> submit(JsonObject body) {
    return client.post(PATH).sendJsonObject(body);
  }

  Future<HttpResponse<Buffer>> get(long attemptId) {
    return client.get(PATH + "/" + attemptId).send();
  }

  /** The submission ({@code data}) once {@code until} holds, polling every 100 ms. */
  Future<JsonObject> poll(long attemptId, Predicate<JsonObject> until) {
    return get(attemptId).compose(r -> {
      JsonObject data = r.statusCode() == 200 ? r.bodyAsJsonObject().getJsonObject("data") : null;
      return data != null && until.test(data) ? Future.succeededFuture(data)
          : vertx.timer(100).compose(v -> poll(attemptId, until));
    });
  }

  /** The {@code llm} capability of {@code /ready} once it is no longer LOADING. */
  Future<JsonObject> pollReady(WebClient any) {
    return any.get("/ready").send().compose(r -> {
      JsonObject llm = r.bodyAsJsonObject().getJsonObject("capabilities").getJsonObject("llm");
      return !"LOADING".equals(llm.getString("state")) ? Future.succeededFuture(llm)
          : vertx.timer(100).compose(v -> pollReady(any));
    });
  }

  /** Every {@code event: state} payload of the submission's stream, once the server closes it. */
  Future<List<JsonObject>> events(long attemptId) {
    return stream(attemptId, null).compose(stream -> stream.status() == 200 ? Future.succeededFuture(stream.events())
        : Future.failedFuture("events answered " + stream.status()));
  }

  /** What one request of the stream got (with {@code Last-Event-ID} when not null), once the server ends it. */
  Future<SoloStream> stream(long attemptId, String lastEventId) {
    List<JsonObject> events = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI(PATH + "/" + attemptId + "/events");
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    return streams.request(options)
        .compose(request -> request.send().compose(response -> { // handlers as the response arrives
          response.handler(chunk -> {
            pending.append(chunk.toString());
            int end;
            while ((end = pending.indexOf("\n\n")) >= 0) {
              String frame = pending.substring(0, end);
              pending.delete(0, end + 2);
              if (frame.contains("event: state\n")) {
                ids.add(frame.startsWith("id: ") ? frame.substring(4, frame.indexOf('\n')) : null);
                events.add(new JsonObject(frame.substring(frame.indexOf("data: ") + 6)));
              }
            }
          });
          return response.end().map(v -> new SoloStream(response.statusCode(), ids, events));
        }));
  }

  /** One request of a submission's stream: its status, and the {@code id} and data of each state event. */
  record SoloStream(int status, List<String> ids, List<JsonObject> events) {
  }

  /** Checks {@code result} against the contract's SoloResult: score, level, five feedback parts, evidence. */
  static void assertResultShape(JsonObject result) {
    int score = result.getInteger("overall_score");
    assertTrue(score >= 0 && score <= 100, result.encode());
    int level = result.getInteger("level");
    assertTrue(level >= 1 && level <= 5, result.encode());
    JsonObject feedback = result.getJsonObject("feedback");
    for (String part : List.of("summarize", "facts", "understanding", "personalized")) {
      assertInstanceOf(String.class, feedback.getValue(part), part);
    }
    JsonArray keyword = feedback.getJsonArray("keyword");
    assertEquals(2, keyword.size(), keyword.encode());
    keyword.forEach(list -> ((JsonArray) list).forEach(k -> assertInstanceOf(String.class, k)));
    JsonObject evidence = result.getJsonObject("evidence");
    evidence.getJsonArray("includedTerms").forEach(t -> assertInstanceOf(String.class, t));
    evidence.getJsonArray("missedTerms").forEach(t -> assertInstanceOf(String.class, t));
    double coverage = evidence.getDouble("coverage");
    assertTrue(coverage >= 0 && coverage <= 1, evidence.encode());
  }

  /** The statuses of {@code events}, in order. */
  static List<String> statuses(List<JsonObject> events) {
    return events.stream().map(e -> e.getString("status")).toList();
  }
}
