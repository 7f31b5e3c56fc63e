package dev.storyvox.illustration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.storyvox.TestServer;
import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.RecordCodec;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code comfyui.render} against a fake ComfyUI speaking the real HTTP + websocket API. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ComfyUiVerticleTest {

  private static final int STEPS = 5;
  private static final String PROMPT = "storybook watercolor, a rabbit in a forest";
  private FakeComfyUi fake;
  private Vertx vertx;
  private String deployment;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    RecordCodec.register(vertx);
    fake = new FakeComfyUi(vertx, STEPS).start().await(5, TimeUnit.SECONDS);
    deploy(10_000);
  }

  private void deploy(long timeoutMs) throws Exception {
    JsonObject overrides = new JsonObject().put("comfyui", new JsonObject().put("url", fake.url())
        .put("timeoutMs", timeoutMs));
    JsonObject config = TestServer.config(vertx, overrides).await(5, TimeUnit.SECONDS);
    deployment = vertx.deployVerticle(new ComfyUiVerticle(StoryvoxConfig.from(config).comfyui(), 50))
        .await(5, TimeUnit.SECONDS);
  }

  @Test
  void rendersThePngAndForwardsSamplerProgress() throws Exception {
    List<RenderProgress> progress = new CopyOnWriteArrayList<>();
    vertx.eventBus().<RenderProgress>consumer("test.progress", m -> progress.add(m.body()));
    RenderReply reply = render(request("run1/cover", 1234L, "test.progress")).await(10, TimeUnit.SECONDS);
    assertEquals("comfyui", reply.kind());
    assertNotNull(reply.promptId());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(reply.png()));
    assertEquals(64, image.getWidth(), "the PNG ComfyUI saved, fetched from /view");
    assertEquals(1, fake.hits("/view"));
    assertEquals(0, fake.hits("/history"), "the executed message named the image, so no /history read was needed");
    assertEquals(List.of(1, 2, 3, 4, 5), progress.stream().map(RenderProgress::step).toList());
    assertTrue(progress.stream().allMatch(p -> p.total() == STEPS && p.jobId().equals("run1/cover")));
  }

  @Test
  void setsPromptSeedAndSizeAndKeepsTheTemplatesNegativePrompt() throws Exception {
    render(request("run1/p1", 987654321L, null)).await(10, TimeUnit.SECONDS);
    JsonObject sent = fake.workflows().get(0);
    JsonObject template = new JsonObject(Files.readString(Path.of("conf/comfyui/panel.json")));
    assertEquals(PROMPT, titled(sent, "PROMPT_POS").getString("text"));
    assertEquals(987654321L, titled(sent, "SAMPLER").getLong("seed"));
    assertEquals(768, titled(sent, "LATENT").getInteger("width"));
    assertEquals(512, titled(sent, "LATENT").getInteger("height"));
    String negative = titled(template, "PROMPT_NEG").getString("text");
    assertTrue(negative.contains("watermark"));
    assertEquals(negative, titled(sent, "PROMPT_NEG").getString("text"));
  }

  @Test
  void aValidationErrorNamesTheNode() {
    fake.mode(FakeComfyUi.Mode.VALIDATION_ERROR);
    ServiceException e = failure(render(request("run1/p2", 1, null)));
    assertEquals(ErrorCode.COMFYUI_FAILURE, e.code());
    assertTrue(e.getMessage().contains("node 4 (CheckpointLoaderSimple \"CHECKPOINT\")"), e.getMessage());
    assertTrue(e.getMessage().contains("Value not in list: ckpt_name"), e.getMessage());
  }

  @Test
  void anExecutionErrorFailsNamingTheNodeAndCause() {
    fake.mode(FakeComfyUi.Mode.EXECUTION_ERROR);
    ServiceException e = failure(render(request("run1/p3", 1, null)));
    assertEquals(ErrorCode.COMFYUI_FAILURE, e.code());
    assertTrue(e.getMessage().contains("node 3 (KSampler \"SAMPLER\")"), e.getMessage());
    assertTrue(e.getMessage().contains("out of memory"), e.getMessage());
    assertTrue(e.getMessage().contains("OutOfMemoryError"), "ComfyUI's exception type: " + e.getMessage());
  }

  @Test
  void aDroppedSocketStillCompletesThroughHistoryAndReconnects() throws Exception {
    fake.mode(FakeComfyUi.Mode.DROP_SOCKET);
    RenderReply reply = render(request("run1/p4", 7, null)).await(10, TimeUnit.SECONDS);
    assertEquals("comfyui", reply.kind());
    assertNotNull(ImageIO.read(new ByteArrayInputStream(reply.png())));
    assertTrue(fake.hits("/history") >= 2, "polled /history " + fake.hits("/history") + " times");
    await(() -> fake.hits("/ws") >= 2);
  }

  @Test
  void cancellingARunningRenderInterruptsIt() throws Exception {
    fake.mode(FakeComfyUi.Mode.HANG);
    vertx.eventBus().<RenderProgress>consumer("test.progress",
        m -> vertx.eventBus().publish(Addresses.COMFYUI_CANCEL, new RenderCancel(m.body().jobId())));
    ServiceException e = failure(render(request("run1/p5", 1, "test.progress")));
    assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    await(() -> !fake.interrupts().isEmpty());
    assertEquals(fake.workflows().size(), 1);
    String chosen = fake.sentPromptIds().get(0);
    assertNotNull(chosen, "the client chooses the prompt_id");
    assertEquals(chosen, fake.interrupts().get(0).getString("prompt_id"), "the interrupt names the running prompt");
    assertTrue(fake.deleted().isEmpty());
  }

  @Test
  void cancellingAQueuedRenderDeletesItFromTheQueue() throws Exception {
    fake.mode(FakeComfyUi.Mode.QUEUED);
    Future<RenderReply> pending = render(request("run1/p6", 1, null));
    await(() -> !fake.workflows().isEmpty());
    vertx.eventBus().publish(Addresses.COMFYUI_CANCEL, new RenderCancel("run1/p6"));
    assertTrue(failure(pending).getMessage().contains("cancelled"));
    await(() -> fake.deleted().size() == 1);
    assertTrue(fake.interrupts().isEmpty());
  }

  @Test
  void aRenderThatTakesTooLongTimesOutAndIsInterrupted() throws Exception {
    vertx.undeploy(deployment).await(5, TimeUnit.SECONDS);
    deploy(300);
    fake.mode(FakeComfyUi.Mode.HANG);
    ServiceException e = failure(render(request("run1/p8", 1, null)));
    assertEquals(ErrorCode.TIMEOUT, e.code());
    assertTrue(e.getMessage().contains("comfyui.timeoutMs"), e.getMessage());
    await(() -> !fake.interrupts().isEmpty());
  }

  /**
   * Renders asked for together are queued in the order asked (ComfyUI runs its queue one after another), and the
   * timeout bounds each one from when those before it have ended, not from when it was queued.
   */
  @Test
  void rendersAskedTogetherAreQueuedInOrderAndEachHasTheWholeTimeout() throws Exception {
    vertx.undeploy(deployment).await(5, TimeUnit.SECONDS);
    deploy(2_000);
    fake.nodeMs(60);
    List<Future<RenderReply>> renders = new ArrayList<>();
    for (int page = 0; page < 4; page++) {
      renders.add(render(request("run9/page" + page, page, null)));
    }
    await(() -> fake.workflows().size() == 4);
    assertTrue(renders.stream().noneMatch(Future::isComplete), "all four were queued before the first was drawn");
    long started = System.nanoTime();
    List<String> drawn = new ArrayList<>();
    for (Future<RenderReply> render : renders) {
      drawn.add(render.await(15, TimeUnit.SECONDS).promptId());
    }
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertEquals(fake.sentPromptIds(), drawn, "ComfyUI's queue holds them in the order asked");
    assertTrue(tookMs > 2_000, "the four together took longer than one timeout (" + tookMs + " ms), and none timed out");
  }

  @Test
  void readinessReportsTheComfyUiVersion() throws Exception {
    Readiness r = readiness().await(5, TimeUnit.SECONDS);
    assertEquals(Readiness.READY, r.state());
    assertTrue(r.reason().contains(FakeComfyUi.VERSION) && r.reason().contains(fake.url()), r.reason());
  }

  @Test
  void aComfyUiThatIsDownIsReportedAsRefused() throws Exception {
    vertx.undeploy(deployment).await(5, TimeUnit.SECONDS);
    fake.close().await(5, TimeUnit.SECONDS);
    deploy(10_000);
    ServiceException e = failure(render(request("run1/p7", 1, null)));
    assertEquals(ErrorCode.COMFYUI_FAILURE, e.code());
    assertTrue(e.getMessage().startsWith("ComfyUI at " + fake.url() + " refused the connection"), e.getMessage());
    Readiness r = readiness().await(5, TimeUnit.SECONDS);
    assertEquals(Readiness.UNAVAILABLE, r.state());
    assertTrue(r.reason().contains("refused the connection"), r.reason());
  }

  private static RenderRequest request(String jobId, long seed, String progressAddress) {
    return new RenderRequest(jobId, PROMPT, seed, 768, 512, "토끼가 숲에서 놀았어요.", progressAddress);
  }

  private Future<RenderReply> render(RenderRequest request) {
    return vertx.eventBus().<RenderReply>request(Addresses.COMFYUI_RENDER, request,
        new DeliveryOptions().setSendTimeout(15_000)).map(Message::body);
  }

  private Future<Readiness> readiness() {
    return vertx.eventBus().<Readiness>request(Addresses.READY + "comfyui", new ReadinessQuery("comfyui"))
        .map(Message::body);
  }

  private static ServiceException failure(Future<?> future) {
    try {
      future.await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      return Failures.toService(e);
    }
    throw new AssertionError("expected a failure");
  }

  private void await(BooleanSupplier condition) throws Exception {
    Promise<Void> met = Promise.promise();
    vertx.setPeriodic(20, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        met.tryComplete();
      }
    });
    met.future().await(10, TimeUnit.SECONDS);
  }

  private static JsonObject titled(JsonObject workflow, String title) {
    for (String id : workflow.fieldNames()) {
      JsonObject node = workflow.getJsonObject(id);
      if (title.equals(node.getJsonObject("_meta", new JsonObject()).getString("title"))) {
        return node.getJsonObject("inputs");
      }
    }
    throw new AssertionError("no node titled " + title);
  }
}
