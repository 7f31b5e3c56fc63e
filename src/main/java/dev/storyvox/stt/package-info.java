/**
 * Speech-to-text: routing between the local and RunPod engines, the local whisper engine, and parsing of
 * the storybook fields (era, place, characters, topic) out of a child's transcribed answer.
 */
package dev.storyvox.stt;
