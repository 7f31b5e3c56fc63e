package dev.storyvox.solo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One submission and where it stands. {@code result} is set once COMPLETED, {@code error} once FAILED.
 *
 * @param createdAt when it was submitted (ISO-8601)
 * @param updatedAt when its status last changed (ISO-8601)
 */
public record Submission(long attemptId, SoloStatus status, SoloRequest request, SoloResult result, Error error,
                         String createdAt, String updatedAt) {

  /** Why a submission failed: an API error code and a sentence. */
  public record Error(String code, String message) {
  }

  /** A new submission, PENDING. */
  public static Submission pending(SoloRequest request, Instant now) {
    return new Submission(request.attemptId(), SoloStatus.PENDING, request, null, null, now.toString(), now.toString());
  }

  /** This submission in another non-final status (PENDING again after a restart, or PROCESSING). */
  public Submission with(SoloStatus next, Instant now) {
    return new Submission(attemptId, next, request, null, null, createdAt, now.toString());
  }

  /** This submission COMPLETED with {@code graded}. */
  public Submission completed(SoloResult graded, Instant now) {
    return new Submission(attemptId, SoloStatus.COMPLETED, request, graded, null, createdAt, now.toString());
  }

  /** This submission FAILED with {@code why}. */
  public Submission failed(Error why, Instant now) {
    return new Submission(attemptId, SoloStatus.FAILED, request, null, why, createdAt, now.toString());
  }

  /** Whether nothing more will happen to it. */
  @JsonIgnore
  public boolean isFinal() {
    return status.isFinal();
  }

  /** What the API shows: {@code attemptId, status, result?, error?, createdAt, updatedAt}. */
  public JsonObject view() {
    JsonObject view = new JsonObject().put("attemptId", attemptId).put("status", status.name());
    if (result != null) {
      view.put("result", JsonObject.mapFrom(result));
    }
    if (error != null) {
      view.put("error", new JsonObject().put("code", error.code()).put("message", error.message()));
    }
    return view.put("createdAt", createdAt).put("updatedAt", updatedAt);
  }
}
