package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.storyvox.TestServer;
import dev.storyvox.stt.FixtureOrigin;
import dev.storyvox.stt.SttTestConfig;
import dev.storyvox.stt.WhisperVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** X-Request-Id: accepted or made, returned, logged per request and carried over the bus into engine logs. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestIdsTest {

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger access = (Logger) LoggerFactory.getLogger("storyvox.access");
  private final Logger whisper = (Logger) LoggerFactory.getLogger(WhisperVerticle.class);
  private Level accessLevel;

  @BeforeEach
  void capture() {
    accessLevel = access.getLevel();
    access.setLevel(Level.INFO);
    logs.start();
    access.addAppender(logs);
    whisper.addAppender(logs);
  }

  @AfterEach
  void release() {
    access.detachAppender(logs);
    whisper.detachAppender(logs);
    access.setLevel(accessLevel);
  }

  @Test
  void theClientsIdReachesTheAccessLogAndTheEnginesLog(Vertx vertx) throws Exception {
    FixtureOrigin origin = new FixtureOrigin().start(vertx).await(5, TimeUnit.SECONDS);
    int port = TestServer.start(vertx, SttTestConfig.tinyRandom()).await(30, TimeUnit.SECONDS);
    WebClient client = TestServer.client(vertx, port);
    var response = client.post("/api/v1/transcriptions").putHeader(RequestIds.HEADER, "req-7f3a")
        .sendJsonObject(new JsonObject().put("audioUrl", origin.url("/audio/jfk.wav"))).await(30, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("req-7f3a", response.getHeader(RequestIds.HEADER));
    var made = client.get("/health").send().await(5, TimeUnit.SECONDS).getHeader(RequestIds.HEADER);
    assertTrue(made.matches("[0-9a-f-]{36}"), "an id is made when the client sends none: " + made);

    assertTrue(logs.list.stream().anyMatch(e -> e.getLoggerName().equals("storyvox.access")
        && e.getFormattedMessage().matches("POST /api/v1/transcriptions 200 \\d+ms id=req-7f3a")), logs.list.toString());
    assertTrue(logs.list.stream().anyMatch(e -> e.getLoggerName().equals(WhisperVerticle.class.getName())
        && e.getFormattedMessage().endsWith("for request req-7f3a")), "the engine's log names the request");
  }
}
