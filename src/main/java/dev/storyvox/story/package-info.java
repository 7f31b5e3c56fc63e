/**
 * Storybook runs: the pipeline that turns four answers into a five-page picture book (LLM story, ComfyUI
 * images, TTS narration), the durable run store with its event log, run ids, queueing and retention.
 */
package dev.storyvox.story;
