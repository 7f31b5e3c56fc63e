package dev.storyvox.stt;

import dev.storyvox.audio.AudioDecoder;
import dev.storyvox.audio.AudioEncoder;
import dev.storyvox.audio.AudioFetcher;
import dev.storyvox.audio.AudioSniffer;
import dev.storyvox.audio.DecodedAudio;
import dev.storyvox.audio.SpeechAudio;
import dev.storyvox.bus.Addresses;
import dev.storyvox.bus.EngineCall;
import dev.storyvox.bus.ErrorCode;
import dev.storyvox.bus.Failures;
import dev.storyvox.bus.Readiness;
import dev.storyvox.bus.ReadinessQuery;
import dev.storyvox.bus.RequestId;
import dev.storyvox.bus.ServiceException;
import dev.storyvox.config.StoryvoxConfig;
import dev.storyvox.config.SttConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one speech-to-text entry point, {@code Addresses.STT_TRANSCRIBE}: it takes an {@link SttRequest} and
 * replies a {@link Transcript}. By {@code stt.backend} the request goes to RunPod ({@code runpod}, or
 * {@code auto} with RunPod configured) under the same input rules (a URL is checked, an upload is decoded and
 * re-encoded as 16 kHz mono Opus), or is run locally: fetch the URL, sniff the format, decode
 * on a worker thread (never the event loop) and send only the samples to a whisper context. Between decoding and
 * the recogniser, on both backends, the {@link VadStage} keeps only the speech (a recording without any is an
 * empty transcript and no engine call) and maps the transcript's times back to the recording. It also answers
 * the {@code stt} capability's readiness on {@code Addresses.READY + "stt"} and VAD's on
 * {@code Addresses.READY + "vad"}. FFmpeg's libraries and the VAD model load on worker threads in the
 * background (VAD says LOADING until then): the verticle does not wait for them, a transcription that comes
 * sooner does. The addresses are local to the node; the whisper contexts may be on any node
 * of a cluster.
 */
public final class SttVerticle extends VerticleBase {

  /** The capability name {@code /ready} reports this verticle under. */
  public static final String CAPABILITY = "stt";
  private static final long STATUS_TIMEOUT_MS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(SttVerticle.class);

  private final StoryvoxConfig config;
  private final boolean remote;
  private AudioFetcher fetcher;
  private Future<AudioDecoder> decoder;
  private Future<VadStage> vad;

  public SttVerticle(StoryvoxConfig config) {
    this.config = config;
    this.remote = usesRunPod(config);
  }

  /** Whether {@code stt.backend} sends transcriptions to RunPod rather than a local whisper context. */
  public static boolean usesRunPod(StoryvoxConfig config) {
    String backend = config.stt().backend();
    return "runpod".equals(backend) || "auto".equals(backend) && config.runpod().configured();
  }

  @Override
  public Future<?> start() {
    fetcher = new AudioFetcher(vertx, config.download());
    decoder = vertx.executeBlocking(() -> new AudioDecoder(config.stt().maxSeconds()), false);
    LOG.info("speech-to-text goes to {} (stt.backend={})", remote ? "RunPod" : "local whisper.cpp",
        config.stt().backend());
    vad = vertx.executeBlocking(() -> VadStage.open(config.stt()), false);
    return Future.all(
        vertx.eventBus().<SttRequest>localConsumer(Addresses.STT_TRANSCRIBE, this::transcribe).completion(),
        vertx.eventBus().<ReadinessQuery>localConsumer(Addresses.READY + CAPABILITY, this::readiness).completion(),
        vertx.eventBus().<ReadinessQuery>localConsumer(Addresses.READY + VadStage.CAPABILITY,
            m -> m.reply(vadReadiness())).completion());
  }

  @Override
  public Future<?> stop() {
    return fetcher.close().eventually(() -> vad.compose(stage -> vertx.executeBlocking(() -> {
      stage.close();
      return null;
    }, false)));
  }

  private Readiness vadReadiness() {
    if (!vad.isComplete()) {
      return VadStage.LOADING;
    }
    return vad.succeeded() ? vad.result().readiness()
        : Readiness.unavailable("Silero VAD did not load: " + vad.cause().getMessage());
  }

  private void transcribe(Message<SttRequest> message) {
    SttRequest request = message.body();
    DeliveryOptions delivery = RequestId.carry(engineDelivery(), RequestId.of(message));
    Future<Transcript> transcript = remote ? onRunPod(request, delivery) : locally(request, delivery);
    transcript.onSuccess(message::reply).onFailure(e -> Failures.fail(message, e));
  }

  /**
   * RunPod gets the same input rules as the local backend: a URL that cannot be fetched is INVALID_URL here, and
   * an upload is sniffed and decoded (UNSUPPORTED_FORMAT, stt.maxSeconds), trimmed to its speech by VAD (none:
   * no job at all), then re-encoded as 16 kHz mono Ogg/Opus so that it fits RunPod's request body limits. A URL
   * goes to RunPod as it is (the worker fetches it), untrimmed.
   */
  private Future<Transcript> onRunPod(SttRequest request, DeliveryOptions delivery) {
    Future<SttRequest> ready;
    if (request.translate() || request.words()) {
      ready = Future.failedFuture(new ServiceException(ErrorCode.INVALID_REQUEST,
          "translation and word timestamps need stt.backend local; the RunPod worker does not offer them"));
    } else if (request.audioUrl() != null) {
      try {
        AudioFetcher.validate(request.audioUrl());
        ready = Future.succeededFuture(request);
      } catch (RuntimeException e) {
        ready = Future.failedFuture(e);
      }
    } else {
      return decode(request.audio()).compose(this::speech).compose(speech -> speech.silent()
          ? Future.succeededFuture(VadStage.silence(speech, language(request)))
          : vertx.executeBlocking(() -> AudioEncoder.encodeOpus(new DecodedAudio(speech.samples())), false)
              .map(opus -> new SttRequest(opus, null, request.language(), request.prompt(), request.temperature()))
              .compose(r -> vertx.eventBus().<Transcript>request(Addresses.RUNPOD_TRANSCRIBE, r, delivery))
              .map(reply -> VadStage.restore(reply.body(), speech)));
    }
    return ready.compose(r -> vertx.eventBus().<Transcript>request(Addresses.RUNPOD_TRANSCRIBE, r, delivery))
        .map(Message::body);
  }

  private Future<SpeechAudio> speech(DecodedAudio decoded) {
    return vad.compose(stage -> stage.active() ? vertx.executeBlocking(() -> stage.speech(decoded), false)
        : Future.succeededFuture(SpeechAudio.whole(decoded.samples())));
  }

  private String language(SttRequest request) {
    return request.language() == null ? config.stt().language() : request.language();
  }

  private Future<Transcript> locally(SttRequest request, DeliveryOptions delivery) {
    Future<byte[]> audio = request.audio() != null ? Future.succeededFuture(request.audio())
        : fetcher.fetch(request.audioUrl()).map(fetched -> fetched.body().getBytes());
    return audio.compose(this::decode).compose(this::speech).compose(speech -> speech.silent()
        ? Future.succeededFuture(VadStage.silence(speech, language(request)))
        : EngineCall.<Transcript>request(vertx, Addresses.WHISPER_TRANSCRIBE,
            new WhisperJob(speech.samples(), whisperRequest(request)), delivery)
            .map(transcript -> VadStage.restore(transcript, speech)));
  }

  private Future<DecodedAudio> decode(byte[] audio) {
    try {
      AudioSniffer.sniff(audio);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return decoder.compose(d -> vertx.executeBlocking(() -> d.decode(audio), false));
  }

  private WhisperRequest whisperRequest(SttRequest request) {
    SttConfig stt = config.stt();
    return new WhisperRequest(language(request), stt.beamSize(), request.temperature(), (float) stt.noSpeechThreshold(),
        request.prompt(), request.translate(), request.words());
  }

  private DeliveryOptions engineDelivery() {
    return new DeliveryOptions().setSendTimeout(config.stt().timeoutMs());
  }

  private void readiness(Message<ReadinessQuery> message) {
    if (remote) {
      message.reply(Readiness.ready("transcription goes to RunPod endpoint " + config.runpod().endpointId()));
      return;
    }
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(STATUS_TIMEOUT_MS);
    vertx.eventBus().<Readiness>request(Addresses.WHISPER_STATUS, new ReadinessQuery(CAPABILITY), options)
        .map(Message::body)
        .otherwise(e -> Readiness.unavailable("no whisper context answers: " + Failures.toService(e).getMessage()))
        .onSuccess(message::reply);
  }
}
