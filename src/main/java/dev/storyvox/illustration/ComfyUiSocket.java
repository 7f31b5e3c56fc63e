package dev.storyvox.illustration;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one long-lived websocket {@code /ws?clientId=<id>} to ComfyUI. Text messages are handed on as JSON
 * ({@code {type, data}}); binary frames (previews) are dropped. When the socket drops it reconnects with
 * exponential backoff (250 ms doubling to 10 s) and tells its owner, who must then poll {@code /history}
 * for the prompts whose events it may have missed. Used from one event-loop context only.
 */
final class ComfyUiSocket {

  private static final Logger LOG = LoggerFactory.getLogger(ComfyUiSocket.class);
  private static final long FIRST_BACKOFF_MS = 250;
  private static final long MAX_BACKOFF_MS = 10_000;
  private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private final Vertx vertx;
  private final WebSocketClient client;
  private final String uri;
  private final Handler<JsonObject> onMessage;
  private final Handler<Void> onDrop;
  private WebSocket socket;
  private long backoffMs = FIRST_BACKOFF_MS;
  private long retryTimer = -1;
  private boolean closed;

  /**
   * @param baseUrl ComfyUI's http(s) URL
   * @param onMessage each JSON message
   * @param onDrop called when the socket is lost (or a connection attempt fails)
   */
  ComfyUiSocket(Vertx vertx, String baseUrl, String clientId, Handler<JsonObject> onMessage, Handler<Void> onDrop) {
    this.vertx = vertx;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(MAX_MESSAGE_BYTES).setMaxMessageSize(MAX_MESSAGE_BYTES).setConnectTimeout(5_000));
    this.uri = baseUrl.replaceFirst("^http", "ws") + "/ws?clientId=" + clientId;
    this.onMessage = onMessage;
    this.onDrop = onDrop;
  }

  /** Connects now and keeps reconnecting until {@link #close()}. */
  void connect() {
    retryTimer = -1;
    if (closed) {
      return;
    }
    client.connect(new WebSocketConnectOptions().setAbsoluteURI(uri)).onComplete(ar -> {
      if (ar.failed()) {
        LOG.debug("ComfyUI websocket {} failed: {}", uri, ar.cause().getMessage());
        dropped();
        return;
      }
      if (closed) {
        ar.result().close();
        return;
      }
      socket = ar.result();
      backoffMs = FIRST_BACKOFF_MS;
      LOG.info("ComfyUI websocket connected: {}", uri);
      socket.textMessageHandler(this::text);
      socket.binaryMessageHandler(ignored -> { });
      socket.exceptionHandler(e -> LOG.debug("ComfyUI websocket error: {}", e.getMessage()));
      socket.closeHandler(v -> {
        socket = null;
        LOG.warn("ComfyUI websocket {} closed; reconnecting", uri);
        dropped();
      });
    });
  }

  /** Whether the socket is open now. */
  boolean connected() {
    return socket != null;
  }

  /** Closes the socket and stops reconnecting. */
  void close() {
    closed = true;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    if (socket != null) {
      socket.close();
    }
    client.close();
  }

  private void text(String text) {
    try {
      onMessage.handle(new JsonObject(text));
    } catch (DecodeException e) {
      LOG.debug("ComfyUI websocket sent a message that is not JSON: {}", ComfyUiErrors.shorten(text));
    }
  }

  private void dropped() {
    if (closed) {
      return;
    }
    onDrop.handle(null);
    retryTimer = vertx.setTimer(backoffMs, id -> connect());
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  }
}
