/**
 * Speech-to-text: the local whisper.cpp engine ({@link dev.storyvox.stt.WhisperEngine}) with its request
 * and transcript records, and the verticles that route transcription to it or to RunPod.
 */
package dev.storyvox.stt;
