package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP server of a deployment that is still starting: {@code /health} answers, {@code /ready} is 503
 * with the enabled capabilities LOADING, and other requests (bodies included) wait for the services and are
 * then routed and validated as usual.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class StartupGateTest {

  @Test
  void answersHealthAndLoadingReadinessAndHoldsTheRestUntilServicesAreUp(Vertx vertx) throws Exception {
    StoryvoxConfig config = StoryvoxConfig.from(TestWaits.await(TestServer.config(vertx,
        new JsonObject().put("tts", new JsonObject().put("engine", "none")))));
    Startup startup = Startup.starting();
    TestWaits.await(vertx.deployVerticle(() -> new HttpVerticle(config, startup), new DeploymentOptions()));
    int port = (Integer) vertx.sharedData().getLocalMap(HttpVerticle.LOCAL_MAP).get(HttpVerticle.PORT_KEY);
    WebClient client = TestServer.client(vertx, port);

    HttpResponse<Buffer> health = TestWaits.await(client.get("/health").send());
    assertEquals(200, health.statusCode());
    assertEquals("ok", health.bodyAsJsonObject().getString("status"));
    HttpResponse<Buffer> ready = TestWaits.await(client.get("/ready").send());
    assertEquals(503, ready.statusCode());
    JsonObject capabilities = ready.bodyAsJsonObject().getJsonObject("capabilities");
    for (String capability : OpsApi.CAPABILITIES) {
      String state = capabilities.getJsonObject(capability).getString("state");
      assertEquals("tts".equals(capability) || "comfyui".equals(capability) || "runpod".equals(capability)
          ? "DISABLED" : "LOADING", state, capabilities.encode());
    }

    Future<HttpResponse<Buffer>> held = client.post("/api/runs").sendJsonObject(new JsonObject().put("era_ko", 5));
    WebClient other = TestServer.client(vertx, port);
    Future<HttpResponse<Buffer>> oversized = other.post("/api/runs").putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer(new JsonObject().put("pad", "x".repeat(4 << 20)).encode()));
    TestWaits.await(vertx.timer(300));
    assertFalse(held.isComplete(), "a request is held while the services are deployed");
    startup.servicesUp();
    assertEquals(413, TestWaits.await(oversized, 10_000).statusCode(),
        "a held upload the router refuses is answered and drained, not left paused");
    other.close();
    HttpResponse<Buffer> invalid = TestWaits.await(held, 10_000);
    assertEquals(400, invalid.statusCode(), invalid.bodyAsString());
    assertTrue(invalid.bodyAsJsonObject().getJsonObject("error").getString("message").contains("era_ko"),
        "the held body reached the contract's validator: " + invalid.bodyAsString());
    assertEquals(200, TestWaits.await(client.get("/health").send()).statusCode());
    client.close();
  }
}
