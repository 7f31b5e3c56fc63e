package dev.storyvox.audio;

import io.vertx.core.buffer.Buffer;

/**
 * A downloaded body, held in memory only.
 *
 * @param body        the bytes, at most {@code download.maxBytes}
 * @param finalUrl    the URL that answered after redirects
 * @param contentType the origin's {@code Content-Type}, or {@code null}; informative only, formats are sniffed
 */
public record FetchedAudio(Buffer body, String finalUrl, String contentType) {
}
