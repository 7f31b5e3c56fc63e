package dev.storyvox.runpod;

import dev.storyvox.stt.SttRequest;
import java.util.Base64;
import java.util.UUID;

/**
 * A transcription for RunPod, sent on {@code Addresses.RUNPOD_TRANSCRIBE}; the reply is a
 * {@code stt.Transcript}. Exactly one of {@code audioUrl} and {@code audioBase64} is given.
 *
 * @param requestId the id that ties the RunPod job id to the request in the logs
 * @param audioUrl an http(s) URL the worker fetches, or {@code null}
 * @param audioBase64 the audio itself, base64-encoded, or {@code null}
 * @param language an ISO 639-1 code, or {@code auto}
 */
public record RunPodJob(String requestId, String audioUrl, String audioBase64, String language) {
  public RunPodJob {
    if ((audioUrl == null) == (audioBase64 == null)) {
      throw new IllegalArgumentException("exactly one of audioUrl and audioBase64 must be given");
    }
    if (requestId == null || requestId.isBlank()) {
      throw new IllegalArgumentException("requestId must be given");
    }
  }

  /**
   * The job for a speech-to-text request; {@code defaultLanguage} stands in for a missing language, and
   * {@code requestId} (the HTTP request id, or null for a new one) names the job in the logs.
   */
  public static RunPodJob of(SttRequest request, String defaultLanguage, String requestId) {
    String language = request.language() == null ? defaultLanguage : request.language();
    String id = requestId != null ? requestId : "stt-" + UUID.randomUUID().toString().substring(0, 8);
    return request.audio() != null
        ? new RunPodJob(id, null, Base64.getEncoder().encodeToString(request.audio()), language)
        : new RunPodJob(id, request.audioUrl(), null, language);
  }
}
