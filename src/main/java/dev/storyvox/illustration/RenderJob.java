package dev.storyvox.illustration;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

/**
 * One image on its way through ComfyUI: the request, the workflow sent, the prompt id once queued and
 * the promise the caller waits on. Confined to the renderer's event loop; the first outcome wins.
 */
final class RenderJob {

  final RenderRequest request;
  final JsonObject workflow;
  private final Promise<RenderReply> promise = Promise.promise();
  String promptId;
  long timeoutTimer = -1;
  long pollTimer = -1;
  /** A history check is in flight, or the outcome is known and being fetched. */
  boolean confirming;
  /** The image the save node's {@code executed} message named, once it came. */
  JsonObject saved;

  RenderJob(RenderRequest request, JsonObject workflow) {
    this.request = request;
    this.workflow = workflow;
  }

  Future<RenderReply> future() {
    return promise.future();
  }

  boolean done() {
    return promise.future().isComplete();
  }

  /** Completes the job; false when it already had an outcome. */
  boolean succeed(RenderReply reply) {
    return promise.tryComplete(reply);
  }

  /** Fails the job; false when it already had an outcome. */
  boolean fail(Throwable cause) {
    return promise.tryFail(cause);
  }
}
