package dev.storyvox.engine;

import dev.storyvox.bus.Readiness;
import io.vertx.core.json.JsonObject;

/**
 * One {@link WorkPool}'s state as {@code /ready}, {@code /api/v1/gpu/status} and other nodes see it; it also
 * travels on the bus in answer to a {@link PoolQuery}.
 *
 * @param name the pool's name, e.g. {@code gpu0-llm-1}
 * @param kind the capability it serves ({@code stt}, {@code llm}, {@code tts}, {@code cards})
 * @param device its GPU, or {@code null}
 * @param state READY, LOADING or UNAVAILABLE ({@link Readiness})
 * @param reason why, in a sentence
 * @param threads jobs it runs at once
 * @param running jobs running now
 * @param waiting jobs admitted and not started
 * @param queueSize jobs that may wait before 429 BUSY
 */
public record PoolStatus(String name, String kind, Integer device, String state, String reason, int threads,
                         int running, int waiting, int queueSize) {

  /** Threads free to start a job now: none unless READY. */
  public int idle() {
    return Readiness.READY.equals(state) ? Math.max(0, threads - running) : 0;
  }

  /** The status as JSON, for the HTTP answers. */
  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("kind", kind).put("device", device).put("state", state)
        .put("reason", reason).put("threads", threads).put("running", running).put("queued", waiting)
        .put("queueSize", queueSize);
  }
}
