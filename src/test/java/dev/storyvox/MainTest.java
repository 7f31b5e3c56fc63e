package dev.storyvox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The launcher in its own JVM: bad config exits with one clear line, SIGTERM drains and exits 0. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MainTest {

  private static Map<String, String> env(String port) {
    return Map.of("STORYVOX_HTTP_PORT", port, "STORYVOX_HTTP_HOST", "127.0.0.1",
        "STORYVOX_OUTPUTS_DIR", TestServer.tempDir("storyvox-main").toString());
  }

  @Test
  void badConfigStopsStartupWithOneLineNamingTheKey() throws Exception {
    try (ServerProcess server = ServerProcess.start(env("eighty"))) {
      assertEquals(2, server.awaitExit(30_000));
      List<String> errors = server.output().stream().filter(l -> l.startsWith("storyvox:")).toList();
      assertEquals(List.of("storyvox: config http.port: expected an integer, got \"eighty\""), errors);
    }
  }

  @Test
  void unknownFlagPrintsUsageAndExits2() throws Exception {
    try (ServerProcess server = ServerProcess.start(env("0"), "--colour")) {
      assertEquals(2, server.awaitExit(30_000));
      assertTrue(server.output().get(0).contains("unknown argument --colour"), server.output().toString());
      assertTrue(server.output().stream().anyMatch(l -> l.startsWith("usage: storyvox")));
    }
  }

  @Test
  void apiAndGpuRolesNeedTheClusterFlag() throws Exception {
    try (ServerProcess server = ServerProcess.start(env("0"), "--role", "gpu")) {
      assertEquals(2, server.awaitExit(30_000));
      assertEquals("storyvox: --role gpu needs --cluster", server.output().get(0));
    }
  }

  @Test
  void sigtermLetsTheRequestInFlightFinishThenExits0() throws Exception {
    try (ServerProcess server = ServerProcess.start(env("0"))) {
      int port = server.awaitPort(60_000);
      assertTrue(server.output().stream().anyMatch(l -> l.contains("listening on http://127.0.0.1:" + port)),
          "the bound port is logged");
      byte[] body = "{\"attemptId\":1,\"userText\":\"프로세스\",\"criteria\":{\"keyword\":\"P\",\"modelAnswer\":\"프로세스\"}}"
          .getBytes(StandardCharsets.UTF_8);
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/solo/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, 10);
        out.flush();
        Thread.sleep(300);
        server.terminate();
        Thread.sleep(700);
        out.write(body, 10, body.length - 10);
        out.flush();
        String status = readStatusLine(socket.getInputStream());
        assertTrue(status.startsWith("HTTP/1.1 "), "the in-flight request got an answer: " + status);
      }
      assertEquals(0, server.awaitExit(30_000), String.join("\n", server.output()));
    }
  }

  @Test
  void jsonLogsAreOneObjectPerLine() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(env("0"));
    env.put("STORYVOX_LOGGING_JSON", "true");
    try (ServerProcess server = ServerProcess.start(env)) {
      server.awaitLine(java.util.regex.Pattern.compile("\"message\":\"storyvox .* started"), 60_000);
      List<String> json = server.output().stream().filter(l -> l.startsWith("{")).toList();
      assertTrue(json.size() >= 2, server.output().toString());
      for (String line : json) {
        io.vertx.core.json.JsonObject event = new io.vertx.core.json.JsonObject(line);
        assertTrue(event.containsKey("level") && event.containsKey("loggerName") && event.containsKey("message"), line);
      }
      server.terminate();
      assertEquals(0, server.awaitExit(30_000));
    }
  }

  private static String readStatusLine(InputStream in) throws Exception {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      line.append((char) c);
    }
    return line.toString().trim();
  }
}
