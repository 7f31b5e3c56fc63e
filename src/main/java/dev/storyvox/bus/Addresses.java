package dev.storyvox.bus;

/**
 * Every event-bus address of storyvox. Addresses are dotted lowercase; per-item streams are a prefix
 * followed by the item id (for example {@code STORY_EVENTS + runId}).
 */
public final class Addresses {

  /** Speech-to-text entry point: routes to the local engine or RunPod by {@code stt.backend}. */
  public static final String STT_TRANSCRIBE = "stt.transcribe";
  /** Local whisper.cpp contexts (pinned workers), load-balanced across the cluster. */
  public static final String WHISPER_TRANSCRIBE = "whisper.transcribe";
  /** Local whisper engine status (state, queue depth) of each context. */
  public static final String WHISPER_STATUS = "whisper.status";
  /** RunPod dispatch of a transcription job. */
  public static final String RUNPOD_TRANSCRIBE = "runpod.transcribe";
  /** RunPod warmup job. */
  public static final String RUNPOD_WARMUP = "runpod.warmup";
  /** RunPod endpoint health. */
  public static final String RUNPOD_HEALTH = "runpod.health";

  /** LLM generation on a pinned llama.cpp context (or the OpenAI-compatible backend). */
  public static final String LLM_GENERATE = "llm.generate";
  /** Cancels a generation by request id (published). */
  public static final String LLM_CANCEL = "llm.cancel";
  /** Token stream of one generation: prefix + requestId. */
  public static final String LLM_TOKENS = "llm.tokens.";

  /** IMYME solo feedback submissions. */
  public static final String SOLO_SUBMIT = "solo.submit";
  /** Reads one solo submission. */
  public static final String SOLO_GET = "solo.get";
  /** State changes of one solo submission: prefix + attemptId. */
  public static final String SOLO_EVENTS = "solo.events.";

  /** Creates a storybook run. */
  public static final String STORY_CREATE = "story.create";
  /** Reads one run. */
  public static final String STORY_GET = "story.get";
  /** Lists runs, newest first. */
  public static final String STORY_LIST = "story.list";
  /** Cancels one run. */
  public static final String STORY_CANCEL = "story.cancel";
  /** Updates of one run: prefix + runId. */
  public static final String STORY_EVENTS = "story.events.";
  /** Image progress of one run's render jobs ({@code RenderProgress}): prefix + runId. */
  public static final String STORY_PROGRESS = "story.progress.";

  /** Renders one image through ComfyUI (or the embedded card renderer). */
  public static final String COMFYUI_RENDER = "comfyui.render";
  /** Cancels a render job (published {@code RenderCancel}). */
  public static final String COMFYUI_CANCEL = "comfyui.cancel";
  /**
   * Whether ComfyUI offers every model file the workflow names ({@code ReadinessQuery} → {@code Readiness}),
   * from the last {@code /object_info} check; fails with MODEL_UNAVAILABLE (MODEL_MISSING) naming the file.
   */
  public static final String COMFYUI_MODELS = "comfyui.models";
  /** Synthesizes speech to WAV. */
  public static final String TTS_SYNTHESIZE = "tts.synthesize";

  /** Readiness of one capability: prefix + capability name (stt, llm, comfyui, tts, runpod). */
  public static final String READY = "ready.";
  /**
   * Work pool status: a published {@code PoolQuery} that every work pool of every node answers with its
   * {@code PoolStatus}, sent to the query's reply address ({@code pool.status.reply.<uuid>}).
   */
  public static final String POOL_STATUS = "pool.status";

  /**
   * Model file downloads ({@code ModelProgress}), published on each node's own bus (local only): a few times a
   * second while a file downloads, and once when it is READY (verified and in place, so its engine loads it)
   * or FAILED.
   */
  public static final String MODELS_PROGRESS = "models.progress";

  /** Published on each node's own bus (local only) with a member's id when that member left the cluster. */
  public static final String CLUSTER_MEMBER_LEFT = "cluster.member-left";

  private Addresses() {
  }
}
