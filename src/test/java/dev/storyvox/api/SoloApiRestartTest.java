package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.storyvox.TestData;
import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A submission that was being graded when the server stopped is finished by the next start. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SoloApiRestartTest {

  @Test
  void aSubmissionInProgressCompletesAfterARestart() throws Exception {
    Path outputs = TestServer.tempDir("solo-restart");
    JsonObject overrides = new JsonObject()
        .put("outputs", new JsonObject().put("dir", outputs.toString()))
        .put("llm", new JsonObject().put("model", TestData.model("stories260Ktok512.gguf").toString())
            .put("threads", 1).put("contextSize", 8192));
    String explanation = "프로세스는 실행 중인 프로그램이며 독립된 메모리 영역을 가집니다.";

    Vertx first = Vertx.vertx();
    int port = TestServer.start(first, overrides).await(30, TimeUnit.SECONDS);
    SoloApiClient solo = new SoloApiClient(first, TestServer.client(first, port), port);
    assertEquals(202, solo.submit(SoloApiClient.body(55, explanation)).await(10, TimeUnit.SECONDS).statusCode());
    solo.poll(55, s -> s.getString("status").equals("PROCESSING")).await(30, TimeUnit.SECONDS);
    TestWaits.close(first);
    JsonObject stored = new JsonObject(Files.readString(outputs.resolve("solo").resolve("55.json")));
    assertEquals("PROCESSING", stored.getString("status"), "stopping must not mark the attempt failed");

    Vertx second = Vertx.vertx();
    try {
      int again = TestServer.start(second, overrides).await(30, TimeUnit.SECONDS);
      SoloApiClient restarted = new SoloApiClient(second, TestServer.client(second, again), again);
      JsonObject done = restarted.poll(55, s -> s.getString("status").matches("COMPLETED|FAILED"))
          .await(90, TimeUnit.SECONDS);
      assertEquals("COMPLETED", done.getString("status"), done.encode());
      SoloApiClient.assertResultShape(done.getJsonObject("result"));
      assertEquals(stored.getString("createdAt"), done.getString("createdAt"));
      JsonObject onDisk = new JsonObject(Files.readString(outputs.resolve("solo").resolve("55.json")));
      assertEquals("COMPLETED", onDisk.getString("status"));
    } finally {
      TestWaits.close(second);
    }
  }
}
