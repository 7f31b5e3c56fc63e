package dev.storyvox.tts;

import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.TtsConfig;
import dev.storyvox.engine.PoolSpec;
import dev.storyvox.engine.WorkPool;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;

/**
 * Serves {@code tts.synthesize} ({@link SpeechRequest} → {@link SpeechReply}) and {@code ready.tts}. The
 * engine named by {@code tts.engine} runs on the {@code tts-<engine>} {@link WorkPool}: {@code tts.workers}
 * syntheses at once, {@code tts.queueSize} waiting, more refused with 429 BUSY. With {@code tts.engine: none}
 * readiness is DISABLED and requests fail.
 */
public final class TtsVerticle extends VerticleBase {

  private final TtsEngine given;
  private final TtsConfig settings;
  private WorkPool<TtsEngine> pool;
  private Readiness disabled;

  /** A verticle whose engine {@code tts.engine} names. */
  public TtsVerticle(TtsConfig settings) {
    this(settings, null);
  }

  /** A verticle speaking with {@code engine} (tests give one with a missing program). */
  TtsVerticle(TtsConfig settings, TtsEngine engine) {
    this.settings = settings;
    this.given = engine;
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().consumer(Addresses.READY + "tts", m -> m.reply(disabled != null ? disabled : pool.state()));
    vertx.eventBus().<SpeechRequest>consumer(Addresses.TTS_SYNTHESIZE, this::synthesize);
    if (given == null && TtsEngines.NONE.equals(settings.engine())) {
      disabled = Readiness.disabled("tts.engine is none: pages are not narrated");
      return Future.succeededFuture();
    }
    TtsEngine engine = given != null ? given : TtsEngines.create(settings);
    pool = new WorkPool<>(vertx, new PoolSpec("tts", "tts-" + engine.name(), null, settings.workers(),
        settings.queueSize(), settings.timeoutMs() * 2));
    return pool.open(() -> engine, TtsEngine::probe, "tts engine " + engine.name());
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  private void synthesize(Message<SpeechRequest> message) {
    produce(message.body()).onSuccess(message::reply).onFailure(e -> Failures.fail(message, e));
  }

  private Future<SpeechReply> produce(SpeechRequest request) {
    if (pool == null) {
      return Future.failedFuture(new ServiceException(ErrorCode.UNAVAILABLE, disabled.reason()));
    }
    if (request.text() == null || request.text().isBlank()) {
      return Future.failedFuture(new ServiceException(ErrorCode.INVALID_REQUEST, "there is no text to speak"));
    }
    String voice = request.voice() == null || request.voice().isBlank() ? settings.voice() : request.voice();
    return pool.submit(engine -> engine.synthesize(request.text().strip(), voice), ErrorCode.TTS_FAILURE);
  }
}
