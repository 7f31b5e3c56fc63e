package dev.storyvox.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.stt.FixtureOrigin;
import dev.storyvox.stt.SttTestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /metrics} after real work: Vert.x's own meters plus storyvox's engine, download and status meters. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsTest {

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
            .setEnabled(true).setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .withMetrics(new MicrometerMetricsFactory()).build();
  }

  @AfterEach
  void stop() throws Exception {
    TestWaits.close(vertx);
  }

  @Test
  void aTranscriptionShowsUpInEngineDownloadAndHttpMeters() throws Exception {
    FixtureOrigin origin = new FixtureOrigin().start(vertx).await(5, TimeUnit.SECONDS);
    int port = TestServer.start(vertx, SttTestConfig.tinyRandom()).await(30, TimeUnit.SECONDS);
    WebClient client = TestServer.client(vertx, port);
    var response = client.post("/api/v1/transcriptions")
        .sendJsonObject(new JsonObject().put("audioUrl", origin.url("/audio/jfk.wav")))
        .await(30, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    client.post("/api/v1/transcriptions").sendJsonObject(new JsonObject().put("audioUrl", origin.url("/missing.wav")))
        .await(30, TimeUnit.SECONDS);
    String metrics = client.get("/metrics").send().await(10, TimeUnit.SECONDS).bodyAsString();

    assertTrue(value(metrics, "storyvox_inference_seconds_count\\{engine=\"stt\"") >= 1, "stt inference timed");
    assertTrue(metrics.contains("storyvox_inference_seconds_bucket{engine=\"stt\""), "as a histogram");
    assertEquals(0, value(metrics, "storyvox_engine_queue_depth\\{engine=\"stt\",worker=\"gpu0-whisper-0\"\\}"));
    assertEquals(0, value(metrics, "storyvox_engine_busy\\{engine=\"stt\",worker=\"gpu0-whisper-0\"\\}"));
    assertEquals(0, value(metrics, "storyvox_engine_waiting\\{engine=\"stt\",worker=\"gpu0-whisper-0\"\\}"));
    assertEquals(1, value(metrics, "storyvox_engine_ready\\{engine=\"stt\",worker=\"gpu0-whisper-0\"\\}"));
    assertEquals(0, value(metrics, "storyvox_engine_queue_depth\\{engine=\"cards\",worker=\"illustration-cards\"\\}"),
        "every work pool is measured, the card renderer's too");
    assertTrue(value(metrics, "storyvox_download_bytes_total") >= 352_000, "jfk.wav's bytes were counted");
    assertTrue(value(metrics, "storyvox_download_failures_total\\{reason=\"status\"\\}") >= 1, "the 404 was counted");
    assertTrue(metrics.contains("storyvox_runs{status=\"RUNNING\"}"), "runs by status");
    assertTrue(metrics.contains("storyvox_submissions{status=\"COMPLETED\"}"), "submissions by status");
    assertTrue(metrics.contains("vertx_http_server_requests_total"), "Vert.x HTTP server meters");
    assertTrue(metrics.contains("vertx_eventbus_"), "Vert.x event bus meters");
  }

  private static double value(String metrics, String prefix) {
    Matcher m = Pattern.compile("(?m)^" + prefix + "[^ ]* ([0-9.eE+-]+)$").matcher(metrics);
    if (!m.find()) {
      throw new AssertionError("no " + prefix + " in /metrics");
    }
    return Double.parseDouble(m.group(1));
  }
}
