/**
<<<<<<< HEAD
 * Speech-to-text: routing between the local and RunPod engines, the local whisper engine, and parsing of
 * the storybook fields (era, place, characters, topic) out of a child's transcribed answer.
=======
 * Speech-to-text: the local whisper.cpp engine ({@link dev.storyvox.stt.WhisperEngine}) with its request
 * and transcript records, and the verticles that route transcription to it or to RunPod.
>>>>>>> whisper
 */
package dev.storyvox.stt;
