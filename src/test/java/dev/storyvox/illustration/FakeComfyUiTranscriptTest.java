package dev.storyvox.illustration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays every request recorded from a real ComfyUI 0.3.64 ({@code ../shared/fixtures/comfyui/}) against
 * {@link FakeComfyUi}, in the recorded order, and compares the answers: HTTP status, content type, body (equal
 * for error bodies, same shape otherwise) and the websocket message types in order, binary frames included.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class FakeComfyUiTranscriptTest {

  private static final Path DIR = Path.of("../shared/fixtures/comfyui");
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private WebClient web;
  private io.vertx.core.http.WebSocketClient sockets;
  private String base;

  @Test
  void theFakeAnswersAsTheRecordedServer(Vertx vertx) throws Exception {
    FakeComfyUi fake = new FakeComfyUi(vertx, 3).start().await(5, TimeUnit.SECONDS);
    base = fake.url();
    web = WebClient.create(vertx);
    String clientId = load("00_ws_connect.json").getString("client_id");
    WebSocket ws = connect(vertx, clientId, seen);
    waitFor(() -> !seen.isEmpty());
    JsonObject first = new JsonObject(seen.get(0));
    assertShape(load("00_ws_connect.json").getJsonArray("messages_on_connect").getJsonObject(0).getJsonObject("text"), first);
    assertEquals(clientId, first.getJsonObject("data").getString("sid"));
    seen.clear();
    JsonObject flags = load("00b_ws_feature_flags_reply.json");
    ws.writeTextMessage(flags.getJsonObject("sent").encode()).await(5, TimeUnit.SECONDS);
    waitFor(() -> !seen.isEmpty());
    assertEquals(flags.getJsonArray("messages").getJsonObject(0).getJsonObject("text"), new JsonObject(seen.get(0)));
    exchange(load("01_system_stats.json"), false);

    runs("02_ok_prompt.json");
    for (String file : List.of("03_view.json", "03b_view_missing.json", "03c_history_unknown_id.json")) {
      exchange(load(file), true);
    }
    runs("04_ok_prompt_again_cached.json");
    for (String file : List.of("05_invalid_unknown_class.json", "06_invalid_missing_input.json",
        "07_invalid_imagescale_method.json", "08_invalid_loadimage_missing.json", "09_invalid_no_outputs.json",
        "09b_invalid_no_prompt_key.json", "09c_invalid_not_json.json", "09d_invalid_bad_int.json",
        "09e_invalid_int_over_max.json", "09f_invalid_link_to_missing_node.json")) {
      exchange(load(file), true);
    }
    runs("10_execution_error.json");
    exchange(load("11_queue_idle.json"), true);
    interrupts(load("12_queue_interrupt.json"));
    exchange(load("12b_interrupt_no_body_idle.json"), true);
    String p13 = runs("13_storyvox_nomodel.json");
    String p14 = runs("14_storyvox_unconnected_ksampler.json");
    String p16 = runs("16_save_image_websocket_binary.json");
    JsonObject max2 = exchange(load("15_history_all_max2.json"), false);
    assertEquals(List.of(p14, p16), List.copyOf(max2.fieldNames()), "the two newest history entries");
    assertTrue(p13 != null);
    routing(vertx, load("17_client_id_routing.json"));
  }

  /** Posts a recorded prompt, follows it to executing(node=None), compares the events and the history. */
  private String runs(String file) throws Exception {
    JsonObject recorded = load(file);
    seen.clear();
    JsonObject answer = exchange(recorded.getJsonObject("post_prompt"), false);
    String promptId = answer.getString("prompt_id");
    waitFor(() -> summary(seen).contains("executing(node=None)"));
    assertEquals(strings(recorded.getJsonArray("ws_summary")), summary(seen), file);
    JsonObject history = recorded.getJsonObject("history");
    JsonObject expected = history.getJsonObject("response").getJsonObject("json");
    JsonObject entry = get("/history/" + promptId).bodyAsJsonObject().getJsonObject(promptId);
    JsonObject recordedEntry = expected.getJsonObject(expected.fieldNames().iterator().next());
    assertShape(recordedEntry, entry);
    assertEquals(recordedEntry.getJsonObject("outputs"), entry.getJsonObject("outputs"), file + " outputs");
    assertEquals(types(recordedEntry), types(entry), file + " history messages");
    assertEquals(recordedEntry.getJsonObject("status").getString("status_str"), entry.getJsonObject("status").getString("status_str"));
    return promptId;
  }

  private void interrupts(JsonObject recorded) throws Exception {
    seen.clear();
    String running = exchange(recorded.getJsonObject("post_prompt_running"), false).getString("prompt_id");
    String pending = exchange(recorded.getJsonObject("post_prompt_pending"), false).getString("prompt_id");
    JsonObject busy = exchange(recorded.getJsonObject("get_queue_busy"), false);
    assertEquals(running, busy.getJsonArray("queue_running").getJsonArray(0).getString(1));
    assertEquals(pending, busy.getJsonArray("queue_pending").getJsonArray(0).getString(1));
    send(recorded.getJsonObject("post_queue_delete_pending"), new JsonObject().put("delete", new JsonArray().add(pending)));
    assertEquals(0, exchange(recorded.getJsonObject("get_queue_after_delete"), false).getJsonArray("queue_pending").size());
    waitFor(() -> summary(seen).contains("executing(node=3)"));
    send(recorded.getJsonObject("post_interrupt_wrong_prompt_id"), new JsonObject().put("prompt_id", pending));
    send(recorded.getJsonObject("post_interrupt"), new JsonObject().put("prompt_id", running));
    waitFor(() -> summary(seen).contains("executing(node=None)"));
    List<String> expected = strings(recorded.getJsonArray("ws_summary")).stream().filter(t -> !t.equals("status")).toList();
    assertEquals(expected, summary(seen).stream().filter(t -> !t.equals("status")).toList(), "interrupt events");
    JsonObject history = get("/history/" + running).bodyAsJsonObject().getJsonObject(running);
    JsonObject recordedEntry = recorded.getJsonObject("history_interrupted").getJsonObject("response").getJsonObject("json")
        .getJsonObject("22dd7b6e-500d-415e-a48b-676516c1acf0");
    assertEquals(types(recordedEntry), types(history));
    assertEquals(recordedEntry.getJsonObject("status").getString("status_str"), history.getJsonObject("status").getString("status_str"));
    assertEquals(new JsonObject(), get("/history/" + pending).bodyAsJsonObject());
  }

  private void routing(Vertx vertx, JsonObject recorded) throws Exception {
    List<String> other = new CopyOnWriteArrayList<>();
    WebSocket otherWs = connect(vertx, java.util.UUID.randomUUID().toString(), other);
    waitFor(() -> !other.isEmpty());
    other.clear();
    seen.clear();
    JsonObject workflow = new JsonObject(Files.readString(DIR.resolve("workflow-nomodel.json")));
    workflow.getJsonObject("3").getJsonObject("inputs").put("seed", 17);
    web.postAbs(base + "/prompt").sendJsonObject(new JsonObject().put("prompt", workflow)
        .put("client_id", load("00_ws_connect.json").getString("client_id"))).await(5, TimeUnit.SECONDS);
    waitFor(() -> summary(seen).contains("executing(node=None)"));
    assertEquals(strings(recorded.getJsonArray("submitter_ws_summary")), summary(seen));
    assertEquals(strings(recorded.getJsonArray("other_client_ws_summary")), summary(other));
    other.clear();
    exchange(recorded.getJsonObject("no_client_id_post"), false);
    List<String> expected = strings(recorded.getJsonArray("other_client_ws_summary_for_prompt_without_client_id"));
    waitFor(() -> summary(other).size() >= expected.size());
    assertEquals(expected, summary(other));
    otherWs.close();
  }

  /** Sends a recorded request and compares status, content type and body; answers the fake's JSON body. */
  private JsonObject exchange(JsonObject recorded, boolean equalBody) throws Exception {
    JsonObject request = recorded.getJsonObject("request");
    return compare(recorded, send(request.getString("method"), request.getString("path"), request.getValue("body")), equalBody);
  }

  private void send(JsonObject recorded, JsonObject body) throws Exception {
    compare(recorded, send(recorded.getJsonObject("request").getString("method"),
        recorded.getJsonObject("request").getString("path"), body), true);
  }

  private JsonObject compare(JsonObject recorded, HttpResponse<Buffer> actual, boolean equalBody) {
    JsonObject response = recorded.getJsonObject("response");
    String what = recorded.getJsonObject("request").getString("path");
    assertEquals(response.getInteger("status"), actual.statusCode(), what);
    assertEquals(response.getString("content_type"), actual.getHeader("content-type"), what);
    if (response.containsKey("json")) {
      JsonObject body = actual.bodyAsJsonObject();
      if (equalBody && response.getInteger("status") != 200) {
        assertEquals(withoutTracebacks(response.getJsonObject("json")), withoutTracebacks(body), what);
      } else if (equalBody) {
        assertEquals(response.getJsonObject("json"), body, what);
      }
      assertShape(response.getJsonObject("json"), body);
      return body;
    }
    if (response.containsKey("text")) {
      assertEquals(response.getString("text"), actual.bodyAsString(), what);
    } else if (response.containsKey("head_hex")) {
      String head = actual.body() == null ? "" : java.util.HexFormat.of().formatHex(actual.body().getBytes(), 0,
          Math.min(actual.body().length(), 8));
      assertTrue(response.getString("head_hex").startsWith(head), what + " starts with " + head);
    }
    return null;
  }

  private HttpResponse<Buffer> send(String method, String path, Object body) throws Exception {
    var request = web.requestAbs(HttpMethod.valueOf(method), base + path);
    if (body == null) {
      return request.send().await(10, TimeUnit.SECONDS);
    }
    if (body instanceof JsonObject json) {
      return request.sendJsonObject(json).await(10, TimeUnit.SECONDS);
    }
    return request.sendBuffer(Buffer.buffer((String) body)).await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return send("GET", path, null);
  }

  private WebSocket connect(Vertx vertx, String clientId, List<String> into) throws Exception {
    if (sockets == null) {
      sockets = vertx.createWebSocketClient();
    }
    return sockets.connect(new WebSocketConnectOptions()
            .setAbsoluteURI(base.replace("http", "ws") + "/ws?clientId=" + clientId))
        .onSuccess(ws -> ws.frameHandler(frame -> {
          if (frame.isText()) {
            into.add(frame.textData());
          } else if (frame.isBinary()) {
            into.add("BINARY(" + frame.binaryData().length() + " bytes)");
          }
        }))
        .await(5, TimeUnit.SECONDS);
  }

  /** Messages as the transcripts summarise them: {@code executing(node=3)}, {@code BINARY(…)}. */
  private static List<String> summary(List<String> messages) {
    return messages.stream().map(text -> {
      if (text.startsWith("BINARY")) {
        return "BINARY";
      }
      JsonObject message = new JsonObject(text);
      String type = message.getString("type");
      JsonObject data = message.getJsonObject("data");
      if (List.of("executing", "executed", "progress").contains(type)) {
        Object node = data.getValue("node");
        return type + "(node=" + (node == null ? "None" : node) + ")";
      }
      return type;
    }).toList();
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(o -> ((String) o).startsWith("BINARY") ? "BINARY" : (String) o).toList();
  }

  private static List<Object> types(JsonObject entry) {
    return entry.getJsonObject("status").getJsonArray("messages").stream().map(m -> ((JsonArray) m).getValue(0)).toList();
  }

  /** Same keys and value kinds, recursively (arrays by their first element). */
  private static void assertShape(Object expected, Object actual) {
    if (expected instanceof JsonObject e) {
      assertTrue(actual instanceof JsonObject, "object expected, got " + actual);
      if (!e.isEmpty() && e.fieldNames().stream().allMatch(k -> k.matches("[0-9a-f-]{36}"))) {
        assertEquals(e.size(), ((JsonObject) actual).size(), "entries of " + actual);
        return;
      }
      assertEquals(e.fieldNames(), ((JsonObject) actual).fieldNames().stream().filter(e::containsKey)
          .collect(java.util.stream.Collectors.toSet()), "keys of " + actual);
      for (String key : e.fieldNames()) {
        if (!key.matches("[0-9a-f-]{36}") && !key.matches("\\d+")) {
          assertShape(e.getValue(key), ((JsonObject) actual).getValue(key));
        }
      }
    } else if (expected instanceof JsonArray e) {
      assertTrue(actual instanceof JsonArray, "array expected, got " + actual);
    } else if (expected != null) {
      assertTrue(actual != null && (expected instanceof Number) == (actual instanceof Number)
          && (expected instanceof String) == (actual instanceof String), "kind of " + actual + " vs " + expected);
    }
  }

  private static JsonObject withoutTracebacks(JsonObject body) {
    JsonObject copy = body.copy();
    strip(copy);
    return copy;
  }

  private static void strip(Object value) {
    if (value instanceof JsonObject object) {
      object.remove("traceback");
      object.fieldNames().forEach(key -> strip(object.getValue(key)));
    } else if (value instanceof JsonArray array) {
      array.forEach(FakeComfyUiTranscriptTest::strip);
    }
  }

  private static JsonObject load(String file) throws Exception {
    return new JsonObject(Files.readString(DIR.resolve(file)));
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
