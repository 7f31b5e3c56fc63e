package dev.storyvox.illustration;

/**
 * Renders one illustration.
 *
 * @param jobId unique id of this image (e.g. {@code <runId>/cover}); used to cancel it
 * @param prompt the positive prompt (English), already prefixed with the house style
 * @param seed the sampler seed (one per run, reused for every panel)
 * @param width image width in pixels
 * @param height image height in pixels
 * @param cardText the page text drawn on an illustration card when no ComfyUI is configured
 * @param progressAddress where {@link RenderProgress} is published while sampling, or null
 */
public record RenderRequest(String jobId, String prompt, long seed, int width, int height, String cardText,
                            String progressAddress) {
}
