package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A request refused before its body is read (413 on Content-Length, 401) is answered, and the kept-alive
 * connection it came on never takes the unread body for the next request.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EarlyRefusalTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    TestWaits.close(vertx);
  }

  @Test
  void oversizedAndUnauthorisedBodiesAreAnsweredAndTheConnectionStaysUsable() throws Exception {
    JsonObject overrides = new JsonObject().put("http", new JsonObject().put("maxBodyBytes", 64 * 1024))
        .put("auth", new JsonObject().put("internalSecret", "s3cret"));
    int port = TestServer.start(vertx, overrides).await(30, TimeUnit.SECONDS);
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(1));
    Buffer huge = Buffer.buffer(new JsonObject().put("pad", "x".repeat(4 << 20)).encode());
    Buffer small = Buffer.buffer("{\"era_ko\":\"현대\"}");
    for (int i = 0; i < 10; i++) {
      assertEquals(413, post(http, huge, "s3cret"), "round " + i + ": oversized");
      assertEquals(400, post(http, small, "s3cret"), "round " + i + ": the next request on the pool");
      assertEquals(401, post(http, huge, "wrong"), "round " + i + ": unauthorised with a body");
      assertEquals(400, post(http, small, "s3cret"), "round " + i + ": the next request after that");
    }
  }

  @Test
  void aClientThatSendsTheWholeBodyBeforeReadingStillGetsItsAnswer() throws Exception {
    int port = TestServer.start(vertx, new JsonObject().put("http", new JsonObject().put("maxBodyBytes", 64 * 1024)))
        .await(30, TimeUnit.SECONDS);
    byte[] body = new byte[16 << 20];
    java.util.Arrays.fill(body, (byte) 'x');
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      var out = socket.getOutputStream();
      out.write(("POST /api/runs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String status = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 413", status, "the server read past the refused body instead of stalling the client");
    }
  }

  private static int post(HttpClient http, Buffer body, String secret) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/runs").setIdleTimeout(10_000)
        .putHeader("content-type", "application/json").putHeader(AuthHandler.HEADER, secret);
    return http.request(options).compose(r -> r.send(body)).compose(r -> r.body().map(b -> r.statusCode()))
        .otherwise(-1).await(20, TimeUnit.SECONDS);
  }
}
