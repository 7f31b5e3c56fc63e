package dev.storyvox.tts;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.config.TtsConfig;
import dev.storyvox.metrics.StoryvoxMetrics;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code tts.synthesize} ({@link SpeechRequest} → {@link SpeechReply}) and {@code ready.tts}. The
 * engine named by {@code tts.engine} runs on a small worker pool; at most {@value #QUEUE} requests wait,
 * more are refused with 429 BUSY. With {@code tts.engine: none} readiness is DISABLED and requests fail.
 */
public final class TtsVerticle extends VerticleBase {

  private final Timer inference = StoryvoxMetrics.inference("tts");

  private static final Logger LOG = LoggerFactory.getLogger(TtsVerticle.class);
  private static final int WORKERS = 2;
  private static final int QUEUE = 32;

  private final TtsEngine given;
  private TtsConfig settings;
  private TtsEngine engine;
  private WorkerExecutor worker;
  private volatile Readiness state = Readiness.loading("checking the TTS engine");
  private int pending;

  /** A verticle whose engine {@code tts.engine} names. */
  public TtsVerticle() {
    this(null);
  }

  /** A verticle speaking with {@code engine} (tests give one with a missing program). */
  TtsVerticle(TtsEngine engine) {
    this.given = engine;
  }

  @Override
  public Future<?> start() {
    settings = StoryvoxConfig.from(config()).tts();
    vertx.eventBus().consumer(Addresses.READY + "tts", m -> m.reply(state));
    vertx.eventBus().<SpeechRequest>consumer(Addresses.TTS_SYNTHESIZE, this::synthesize);
    if (given == null && TtsEngines.NONE.equals(settings.engine())) {
      state = Readiness.disabled("tts.engine is none: pages are not narrated");
      return Future.succeededFuture();
    }
    engine = given != null ? given : TtsEngines.create(settings);
    worker = vertx.createSharedWorkerExecutor("tts-" + engine.name(), WORKERS, settings.timeoutMs() * 2,
        TimeUnit.MILLISECONDS);
    return worker.executeBlocking(engine::probe, false).onComplete(ar -> {
      state = ar.succeeded() ? ar.result() : Readiness.unavailable(ar.cause().getMessage());
      LOG.info("tts {}: {} ({})", engine.name(), state.state(), state.reason());
    }).otherwiseEmpty();
  }

  @Override
  public Future<?> stop() {
    return worker == null ? Future.succeededFuture() : worker.close();
  }

  private void synthesize(Message<SpeechRequest> message) {
    Timer.Sample sample = Timer.start();
    produce(message.body()).onComplete(ar -> {
      sample.stop(inference);
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        Failures.fail(message, ar.cause());
      }
    });
  }

  private Future<SpeechReply> produce(SpeechRequest request) {
    if (engine == null) {
      return Future.failedFuture(new ServiceException(ErrorCode.UNAVAILABLE, state.reason()));
    }
    if (request.text() == null || request.text().isBlank()) {
      return Future.failedFuture(new ServiceException(ErrorCode.INVALID_REQUEST, "there is no text to speak"));
    }
    if (pending >= QUEUE) {
      return Future.failedFuture(new ServiceException(ErrorCode.BUSY, "text-to-speech is busy: " + QUEUE
          + " pages are already waiting; retry shortly"));
    }
    String voice = request.voice() == null || request.voice().isBlank() ? settings.voice() : request.voice();
    pending++;
    return worker.executeBlocking(() -> engine.synthesize(request.text().strip(), voice), false)
        .andThen(ar -> pending--);
  }
}
