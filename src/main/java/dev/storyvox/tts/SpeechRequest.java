package dev.storyvox.tts;

/**
 * Speaks a text.
 *
 * @param text the text to speak (Korean first)
 * @param voice the engine's voice, or null for {@code tts.voice}
 */
public record SpeechRequest(String text, String voice) {
}
