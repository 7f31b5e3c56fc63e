/**
 * Speech-to-text: the local whisper.cpp engine with its request and transcript records, the verticles
 * that route transcription to it or to RunPod, and parsing of the storybook fields out of a child's answer.
 */
package dev.storyvox.stt;
