package dev.storyvox.bus;

/**
 * Why a {@link ServiceException} happened, finer than its {@link ErrorCode} and typed, so a decision
 * (retry, hand back, metric label) never reads message text. It travels with the failure over the bus
 * ({@link Failures}) and reaches the HTTP edge; clients see the code, the message and the detail.
 */
public enum Reason {
  /** Nothing finer than the code. */
  NONE,
  /** The engine's model is still loading: asking again shortly may succeed. */
  MODEL_LOADING,
  /** No consumer anywhere serves the address (the bus's NO_HANDLERS). */
  NO_ENGINE,
  /** The engine or service is shutting down; another instance may serve the request. */
  STOPPING,
  /** The cluster node serving the request left while it was in flight. */
  NODE_LEFT,
  /** The event bus could not carry the request (a transport error). */
  TRANSPORT,
  /** A time limit passed before an answer came. */
  TIMED_OUT,
  /** A remote server could not be reached (connection refused, reset, name not resolved). */
  UNREACHABLE,
  /** A remote server answered 429: too many requests. */
  THROTTLED,
  /** A remote server answered with a 5xx status. */
  REMOTE_ERROR,
  /** A remote server refused the request with a 4xx status other than 429 (a rejected key included). */
  REMOTE_REJECTED,
  /** A host name did not resolve. */
  UNKNOWN_HOST,
  /** The address guard refused the host's address (private, loopback, …). */
  REFUSED_ADDRESS,
  /** A body was larger than its limit. */
  TOO_LARGE,
  /** A remote server answered something that is not what was asked for. */
  BAD_ANSWER,
  /** The request was never sent: the connection was refused or not made (so the server did nothing). */
  NOT_SENT,
  /** The work was cancelled (by a client, or interrupted on the remote server). */
  CANCELLED,
  /** A model file the remote service needs is not installed there. */
  MODEL_MISSING;

  /** The reason for a remote answer's HTTP status: THROTTLED, REMOTE_ERROR or REMOTE_REJECTED. */
  public static Reason ofStatus(int status) {
    if (status == 429) {
      return THROTTLED;
    }
    return status >= 500 ? REMOTE_ERROR : REMOTE_REJECTED;
  }

  /** The reason with this name, or {@code NONE} for a name no reason has. */
  public static Reason byName(String name) {
    for (Reason reason : values()) {
      if (reason.name().equals(name)) {
        return reason;
      }
    }
    return NONE;
  }
}
