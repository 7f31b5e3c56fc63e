/**
 * Audio intake for speech-to-text: guarded download of user-supplied URLs ({@link dev.storyvox.audio.AudioFetcher}),
 * format sniffing by magic bytes ({@link dev.storyvox.audio.AudioSniffer}) and in-process decoding to 16 kHz mono
 * float PCM ({@link dev.storyvox.audio.AudioDecoder}), and voice-activity detection: Silero VAD on ONNX Runtime
 * ({@link dev.storyvox.audio.SileroVad}), speech spans ({@link dev.storyvox.audio.SpeechSpans}) and the joined
 * speech with its map back to the recording ({@link dev.storyvox.audio.SpeechAudio}).
 */
package dev.storyvox.audio;
