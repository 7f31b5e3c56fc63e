package dev.storyvox.tts;

/** Synthesized speech: a complete WAV file and its length. */
public record SpeechReply(byte[] wav, double durationSeconds) {
}
