package dev.storyvox.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads one run's event stream as a browser's EventSource would, until the server ends it. */
final class RunsSseClient {

  /** One {@code event: update}. */
  record Event(long id, String name, JsonObject data) {
  }

  /** Everything a stream carried. */
  record Stream(int status, String contentType, List<Event> events, int comments) {
  }

  private RunsSseClient() {
  }

  /** Opens the stream (with {@code Last-Event-ID} when {@code lastEventId} is not null). */
  static Future<Stream> read(Vertx vertx, int port, String runId, String lastEventId, Consumer<Event> onEvent) {
    HttpClient client = vertx.createHttpClient();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI("/api/runs/" + runId + "/events");
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    Promise<Stream> done = Promise.promise();
    // the handlers are set as the response arrives: a stream that ends at once (a final run) must not end first
    client.request(options).compose(req -> req.send().onSuccess(response -> {
      List<Event> events = new ArrayList<>();
      int[] comments = {0};
      StringBuilder text = new StringBuilder();
      response.handler(chunk -> {
        text.append(chunk.toString());
        int end;
        while ((end = text.indexOf("\n\n")) >= 0) {
          String frame = text.substring(0, end);
          text.delete(0, end + 2);
          if (frame.startsWith(":")) {
            comments[0]++;
          } else {
            Event event = parse(frame);
            events.add(event);
            onEvent.accept(event);
          }
        }
      });
      response.endHandler(v -> {
        done.tryComplete(new Stream(response.statusCode(), response.getHeader("content-type"), events, comments[0]));
        client.close();
      });
      response.exceptionHandler(done::tryFail);
    })).onFailure(done::fail);
    return done.future();
  }

  private static Event parse(String frame) {
    long id = -1;
    String name = null;
    StringBuilder data = new StringBuilder();
    for (String line : frame.split("\n")) {
      if (line.startsWith("id: ")) {
        id = Long.parseLong(line.substring(4));
      } else if (line.startsWith("event: ")) {
        name = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data.append(line.substring(6));
      }
    }
    return new Event(id, name, new JsonObject(data.toString()));
  }
}
