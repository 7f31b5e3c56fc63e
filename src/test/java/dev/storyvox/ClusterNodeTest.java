package dev.storyvox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.storyvox.bus.EngineCall;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.ClusterConfig;
import dev.storyvox.config.RetryPolicyConfig;
import dev.storyvox.engine.EngineWorker;
import dev.storyvox.retry.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two nodes joined by {@link ClusterNode} in one JVM, over the real clustered event bus (Hazelcast, TCP on
 * loopback) and the record codec: a typed failure raised on one node reaches a caller on the other with the
 * same code, status, reason, message and detail.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterNodeTest {

  private static final String FULL = "test.cluster.full";
  private static final String LOADING = "test.cluster.loading";
  /** Until the caller's node sees the other node's consumers. */
  private static final RetryPolicyConfig SUBSCRIBED = new RetryPolicyConfig(200, 50, 200, 30_000);

  private final List<Vertx> nodes = new ArrayList<>();

  @AfterEach
  void leave() throws Exception {
    for (Vertx node : nodes) {
      node.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aTypedFailureSurvivesTheWire() throws Exception {
    String name = "test-" + UUID.randomUUID();
    int enginePort = freePort();
    int callerPort = freePort();
    List<String> members = List.of("127.0.0.1:" + enginePort, "127.0.0.1:" + callerPort);
    Vertx engine = join(new ClusterConfig(name, "127.0.0.1", enginePort, null, members, 0, "conf/cluster.xml"));
    Vertx caller = join(new ClusterConfig(name, "127.0.0.1", callerPort, null, members, 0, "conf/cluster.xml"));

    JsonObject detail = new JsonObject().put("folder", "/data/outputs").put("freeBytes", 0);
    EngineWorker<AutoCloseable> notLoaded = new EngineWorker<>(engine, "test", "test-cluster-loading", 4, 10_000);
    List<MessageConsumer<ReadinessQuery>> consumers = List.of(
        engine.eventBus().<ReadinessQuery>consumer(FULL, m -> Failures.fail(m, new ServiceException(
            ErrorCode.STORAGE_FULL, 507, Reason.NONE, "no space left in /data/outputs", detail, null))),
        engine.eventBus().<ReadinessQuery>consumer(LOADING, m -> notLoaded.submit(e -> "never", ErrorCode.LLM_FAILURE)
            .onComplete(ar -> Failures.fail(m, ar.cause()))));
    Future.all(consumers.stream().map(MessageConsumer::completion).toList()).await(30, TimeUnit.SECONDS);

    ServiceException full = failureOf(caller, FULL);
    assertEquals(ErrorCode.STORAGE_FULL, full.code());
    assertEquals(507, full.status());
    assertEquals(Reason.NONE, full.reason());
    assertEquals("no space left in /data/outputs", full.getMessage());
    assertEquals(detail, full.detail());

    ServiceException loading = failureOf(caller, LOADING);
    assertEquals(ErrorCode.MODEL_UNAVAILABLE, loading.code());
    assertEquals(503, loading.status());
    assertEquals(Reason.MODEL_LOADING, loading.reason(), "the reason is typed on the wire, not read from the text");
    notLoaded.close().await(10, TimeUnit.SECONDS);
  }

  /** The failure a request from {@code caller} gets, asked again while the address has no consumer yet. */
  private static ServiceException failureOf(Vertx caller, String address) throws Exception {
    Throwable failure = new Retry(caller, "subscription", SUBSCRIBED, f -> f.reason() == Reason.NO_ENGINE)
        .run(() -> EngineCall.request(caller, address, new ReadinessQuery("test"), 10_000))
        .transform(Future::succeededFuture).await(60, TimeUnit.SECONDS).cause();
    return Failures.toService(failure);
  }

  private Vertx join(ClusterConfig cluster) throws Exception {
    Vertx node = ClusterNode.join(Vertx.builder(), new VertxOptions(), cluster).await(60, TimeUnit.SECONDS);
    nodes.add(node);
    RecordCodec.register(node);
    return node;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
