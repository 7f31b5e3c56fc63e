package dev.storyvox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The launcher in its own JVM starts HTTP first: {@code /health} answers before the rest of the server is
 * deployed, and while the LLM's model is still arriving from a model host that sends a few bytes and then
 * holds the download, {@code /health} answers and {@code /ready} says LOADING for the LLM.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartupProcessTest {

  private static final Pattern STARTED = Pattern.compile("started \\(role all\\) on port");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  @Test
  void healthAnswersAndReadySaysLoadingWhileTheModelIsStillLoading() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AtomicInteger downloads = new AtomicInteger();
      HttpServer host = TestWaits.await(vertx.createHttpServer().requestHandler(request -> {
        downloads.incrementAndGet();
        request.response().putHeader("content-length", "10000000").write(Buffer.buffer(new byte[1000]));
      }).listen(0, "127.0.0.1"));
      Path dir = TestServer.tempDir("storyvox-startup");
      Path model = dir.resolve("story.gguf");
      Path conf = dir.resolve("config.yaml");
      Files.writeString(conf, "models:\n  download: true\n  source: http://127.0.0.1:" + host.actualPort() + "\n"
          + "  files:\n    - {path: " + model + ", url: held/story.gguf, sha256: null, bytes: null, for: llm.model}\n"
          + "download:\n  allowPrivateNetworks: true\nllm:\n  model: " + model + "\n");
      int port = freePort();
      Map<String, String> env = Map.of("STORYVOX_HTTP_PORT", Integer.toString(port), "STORYVOX_HTTP_HOST", "127.0.0.1",
          "STORYVOX_OUTPUTS_DIR", dir.resolve("outputs").toString(), "STORYVOX_STT_MODEL", "/none.bin",
          "STORYVOX_TTS_ENGINE", "none");
      try (ServerProcess server = ServerProcess.start(env, "--conf", conf.toString())) {
        long deadline = System.currentTimeMillis() + 60_000;
        HttpResponse<String> health = null;
        while ((health == null || health.statusCode() != 200) && System.currentTimeMillis() < deadline) {
          health = get(port, "/health");
          Thread.sleep(10);
        }
        assertEquals(200, health == null ? -1 : health.statusCode(), String.join("\n", server.output()));
        assertEquals(0, server.count(STARTED), "/health answered before the deployment finished");
        assertEquals("ok", new JsonObject(health.body()).getString("status"));

        JsonObject llm = null;
        while (System.currentTimeMillis() < deadline) {
          HttpResponse<String> ready = get(port, "/ready");
          if (ready != null && server.count(STARTED) > 0) {
            assertEquals(503, ready.statusCode(), ready.body());
            llm = new JsonObject(ready.body()).getJsonObject("capabilities").getJsonObject("llm");
            if (llm.getString("reason").contains("download")) {
              break;
            }
          }
          Thread.sleep(50);
        }
        assertTrue(llm != null && "LOADING".equals(llm.getString("state")) && llm.getString("reason").contains("download"),
            "the LLM is LOADING while its model downloads: " + llm);
        assertTrue(downloads.get() >= 1, "the model host was asked for the file");
        assertEquals(200, get(port, "/health").statusCode());
      }
    } finally {
      TestWaits.close(vertx);
    }
  }

  private HttpResponse<String> get(int port, String path) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
