/**
 * Text-to-speech: the verticle behind {@code tts.synthesize}, the {@code TtsEngine} interface and its
 * engines (espeak-ng by default).
 */
package dev.storyvox.tts;
