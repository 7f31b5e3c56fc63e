package dev.storyvox.tts;

import dev.storyvox.config.TtsConfig;
import java.util.Map;
import java.util.function.Function;

/**
 * The engines {@code tts.engine} can name, each built from the TTS config. A new engine plugs in by
 * adding its name and factory here (and to the names {@code TtsConfig} accepts); {@code none} has no
 * engine and turns narration off.
 */
public final class TtsEngines {

  /** The name that disables speech. */
  public static final String NONE = "none";

  private static final Map<String, Function<TtsConfig, TtsEngine>> FACTORIES = Map.of(
      EspeakEngine.NAME, EspeakEngine::new);

  private TtsEngines() {
  }

  /** The engine {@code config.engine()} names; throws IllegalArgumentException for an unknown name. */
  public static TtsEngine create(TtsConfig config) {
    Function<TtsConfig, TtsEngine> factory = FACTORIES.get(config.engine());
    if (factory == null) {
      throw new IllegalArgumentException("tts.engine " + config.engine() + " is not one of " + FACTORIES.keySet()
          + " or " + NONE);
    }
    return factory.apply(config);
  }
}
