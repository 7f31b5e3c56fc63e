package dev.storyvox.tts;

import dev.storyvox.bus.Readiness;

/**
 * A text-to-speech engine. Both methods block (they may start processes or run native code) and are
 * called from a worker thread, never an event loop. Engines are chosen by {@code tts.engine} through
 * {@link TtsEngines}.
 */
public interface TtsEngine {

  /** The engine's {@code tts.engine} name. */
  String name();

  /** Checks that the engine can run: READY with what it found, or UNAVAILABLE saying how to fix it. */
  Readiness probe();

  /**
   * Speaks {@code text} with {@code voice}; fails with a {@code ServiceException} (TTS_FAILURE) whose
   * message says what went wrong and how to fix it.
   */
  SpeechReply synthesize(String text, String voice);
}
