package dev.storyvox.illustration;

/**
 * A rendered illustration.
 *
 * @param png the PNG bytes
 * @param kind {@code comfyui} or {@code card} (drawn in Java when ComfyUI is not configured)
 * @param promptId ComfyUI's prompt id, or null for a card
 */
public record RenderReply(byte[] png, String kind, String promptId) {
}
