package dev.storyvox.cluster;

import dev.storyvox.TestData;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.Predicate;

/** A blocking HTTP client for one node, with a time bound on every request. */
final class Http {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;

  Http(int port) {
    this.port = port;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postJson(String path, JsonObject body) throws IOException, InterruptedException {
    return client.send(request(path).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code POST /v1/audio/transcriptions} of a shared audio fixture. */
  HttpResponse<String> transcribe(String fixture) throws IOException, InterruptedException {
    String boundary = "storyvox-cluster-test";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fixture + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(Files.readAllBytes(TestData.audio(fixture)));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return client.send(request("/v1/audio/transcriptions")
        .header("content-type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Polls {@code GET path} until its JSON body satisfies {@code done}; answers that body. */
  JsonObject poll(String path, Predicate<JsonObject> done, long timeoutMs) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    JsonObject last = null;
    while (System.currentTimeMillis() < deadline) {
      last = new JsonObject(get(path).body());
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("GET " + path + " never got there; last answer " + last);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(REQUEST_TIMEOUT);
  }
}
