/**
 * Illustrations for the storybook: the ComfyUI client (HTTP + websocket) and verticle behind {@code comfyui.render}, the
 * workflow template, and the embedded Java2D card renderer used when no ComfyUI is configured.
 */
package dev.storyvox.illustration;
