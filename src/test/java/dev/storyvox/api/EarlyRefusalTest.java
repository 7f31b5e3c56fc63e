package dev.storyvox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.TestWaits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * One raw keep-alive connection, so the check cannot be passed by a client pool quietly opening another: each
   * request is written whole (on its own thread, bounded) and its answer read by Content-Length before the next.
   */
  @Test
  void oversizedAndUnauthorisedBodiesAreAnsweredAndTheConnectionStaysUsable() throws Exception {
    JsonObject overrides = new JsonObject().put("http", new JsonObject().put("maxBodyBytes", 64 * 1024))
        .put("auth", new JsonObject().put("internalSecret", "s3cret"));
    int port = TestServer.start(vertx, overrides).await(30, TimeUnit.SECONDS);
    byte[] huge = new JsonObject().put("pad", "x".repeat(4 << 20)).encode().getBytes(StandardCharsets.UTF_8);
    byte[] small = "{\"era_ko\":\"현대\"}".getBytes(StandardCharsets.UTF_8);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      for (int i = 0; i < 10; i++) {
        assertEquals(413, exchange(socket, writer, huge, "s3cret"), "round " + i + ": oversized");
        assertEquals(400, exchange(socket, writer, small, "s3cret"), "round " + i + ": the next request on the connection");
        assertEquals(401, exchange(socket, writer, huge, "wrong"), "round " + i + ": unauthorised with a body");
        assertEquals(400, exchange(socket, writer, small, "s3cret"), "round " + i + ": the next request after that");
      }
    } finally {
      writer.shutdownNow();
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
          + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 413", status, "the server read past the refused body instead of stalling the client");
    }
  }

  /** Sends one POST /api/runs on {@code socket} and reads its whole answer; the status code. */
  private static int exchange(Socket socket, ExecutorService writer, byte[] body, String secret) throws Exception {
    byte[] head = ("POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + AuthHandler.HEADER + ": " + secret + "\r\nContent-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    Future<?> sent = writer.submit(() -> {
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(body);
      out.flush();
      return null;
    });
    InputStream in = socket.getInputStream();
    String header = readHead(in);
    assertTrue(header.startsWith("HTTP/1.1 "), "an HTTP answer on the same connection: " + header);
    Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(header);
    assertTrue(length.find(), "the answer says its length: " + header);
    byte[] answer = in.readNBytes(Integer.parseInt(length.group(1)));
    assertEquals(Integer.parseInt(length.group(1)), answer.length, "the whole answer arrived");
    sent.get(20, TimeUnit.SECONDS);
    return Integer.parseInt(header.substring(9, 12));
  }

  private static String readHead(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (head.length() < 8192 && !(head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n"))) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }
}
