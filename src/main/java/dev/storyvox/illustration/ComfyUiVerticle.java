package dev.storyvox.illustration;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.Reason;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.ComfyUiConfig;
import dev.storyvox.engine.PoolSpec;
import dev.storyvox.engine.WorkPool;
import dev.storyvox.metrics.StoryvoxMetrics;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code comfyui.render} ({@link RenderRequest} → {@link RenderReply}), {@code comfyui.cancel}
 * (published {@link RenderCancel}), {@code comfyui.models} (the last {@link ModelCheck} against
 * {@code /object_info}) and {@code ready.comfyui}. With {@code comfyui.url} set, images come
 * from ComfyUI (kind {@code comfyui}); with it empty, illustration cards are drawn in Java (kind {@code card})
 * on the {@code illustration-cards} {@link WorkPool} ({@code comfyui.cardWorkers} at once,
 * {@code comfyui.cardQueueSize} waiting, more refused with 429 BUSY) and readiness is DISABLED.
 */
public final class ComfyUiVerticle extends VerticleBase {

  private final Timer inference = StoryvoxMetrics.inference("comfyui");

  private static final Logger LOG = LoggerFactory.getLogger(ComfyUiVerticle.class);
  private static final long DEFAULT_POLL_MS = 1000;
  private static final int MIN_SIDE = 64;
  private static final int MAX_SIDE = 4096;

  private final long pollMs;
  private final ComfyUiConfig settings;
  private ComfyUiRenderer renderer;
  private ServiceException templateError;
  private WorkPool<CardRenderer> cards;

  public ComfyUiVerticle(ComfyUiConfig settings) {
    this(settings, DEFAULT_POLL_MS);
  }

  /** With the history poll interval used while the websocket is down (tests shorten it). */
  ComfyUiVerticle(ComfyUiConfig settings, long pollMs) {
    this.settings = settings;
    this.pollMs = pollMs;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    bus.<RenderRequest>consumer(Addresses.COMFYUI_RENDER, this::render);
    bus.<RenderCancel>consumer(Addresses.COMFYUI_CANCEL, m -> {
      if (renderer != null) {
        renderer.cancel(m.body().jobId());
      }
    });
    bus.consumer(Addresses.READY + "comfyui", m -> readiness().onSuccess(m::reply));
    bus.consumer(Addresses.COMFYUI_MODELS, this::models);
    if (!settings.enabled()) {
      cards = new WorkPool<>(vertx, new PoolSpec("cards", "illustration-cards", null, settings.cardWorkers(),
          settings.cardQueueSize(), settings.timeoutMs()));
      LOG.info("comfyui.url is empty: illustration cards are drawn in Java");
      return cards.open(CardRenderer::new, r -> Readiness.ready("illustration cards drawn in Java"), "card renderer");
    }
    return vertx.fileSystem().readFile(settings.workflow())
        .map(buffer -> WorkflowTemplate.parse(buffer.toString(), settings.workflow()))
        .onSuccess(template -> {
          renderer = new ComfyUiRenderer(vertx, new ComfyUiClient(vertx, settings.url()), template,
              settings.timeoutMs(), pollMs);
          renderer.start();
        })
        .onFailure(e -> {
          templateError = e instanceof ServiceException se ? se : new ServiceException(ErrorCode.COMFYUI_FAILURE,
              "cannot read workflow " + settings.workflow() + " (comfyui.workflow): " + e.getMessage());
          LOG.warn(templateError.getMessage());
        })
        .otherwiseEmpty();
  }

  @Override
  public Future<?> stop() {
    if (renderer != null) {
      renderer.close();
    }
    return cards == null ? Future.succeededFuture() : cards.close();
  }

  private void render(Message<RenderRequest> message) {
    RenderRequest request = message.body();
    Timer.Sample sample = Timer.start();
    produce(request).onComplete(ar -> {
      sample.stop(inference);
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        LOG.debug("render {} failed: {}", request.jobId(), ar.cause().getMessage());
        Failures.fail(message, ar.cause());
      }
    });
  }

  private Future<RenderReply> produce(RenderRequest request) {
    ServiceException invalid = validate(request);
    if (invalid != null) {
      return Future.failedFuture(invalid);
    }
    if (!settings.enabled()) {
      return cards.submit(renderer -> new RenderReply(renderer.render(request), "card", null), ErrorCode.COMFYUI_FAILURE);
    }
    return renderer == null ? Future.failedFuture(templateError) : renderer.render(request);
  }

  private static ServiceException validate(RenderRequest request) {
    if (request.jobId() == null || request.jobId().isBlank()) {
      return new ServiceException(ErrorCode.INVALID_REQUEST, "a render needs a jobId");
    }
    if (request.width() < MIN_SIDE || request.width() > MAX_SIDE || request.height() < MIN_SIDE
        || request.height() > MAX_SIDE) {
      return new ServiceException(ErrorCode.INVALID_REQUEST, "image size " + request.width() + "x"
          + request.height() + " is outside " + MIN_SIDE + ".." + MAX_SIDE + " pixels");
    }
    return null;
  }

  private void models(Message<Object> message) {
    String missing = renderer == null ? null : renderer.models().missingNow();
    if (missing == null) {
      message.reply(Readiness.ready("ComfyUI offers every model file the workflow names (or it is not known yet)"));
    } else {
      Failures.fail(message, new ServiceException(ErrorCode.MODEL_UNAVAILABLE, Reason.MODEL_MISSING, missing));
    }
  }

  private Future<Readiness> readiness() {
    if (!settings.enabled()) {
      return Future.succeededFuture(Readiness.disabled("comfyui.url is empty: illustration cards are drawn in Java"));
    }
    if (renderer == null) {
      return Future.succeededFuture(Readiness.unavailable(templateError.getMessage()));
    }
    return renderer.readiness();
  }
}
