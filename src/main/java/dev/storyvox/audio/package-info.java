/**
 * Audio intake for speech-to-text: guarded download of user-supplied URLs ({@link dev.storyvox.audio.AudioFetcher}),
 * format sniffing by magic bytes ({@link dev.storyvox.audio.AudioSniffer}) and in-process decoding to 16 kHz mono
 * float PCM ({@link dev.storyvox.audio.AudioDecoder}).
 */
package dev.storyvox.audio;
