package dev.storyvox.config;

/**
 * The retry policy of each outbound kind ({@code retry}); RunPod's comes from {@code runpod.retries} and
 * {@code runpod.retryBackoffMs} ({@link RunPodConfig#retryPolicy()}).
 *
 * @param callback a solo callback POST that failed (refused, unreachable, non-2xx, timed out)
 * @param llm an OpenAI-compatible server's 429 or 5xx answer
 * @param generation an LLM generation whose text was unusable (tried again with another seed)
 * @param engine a request no engine on the bus served (NO_ENGINE): an engine restarting
 * @param loading a request whose engine is still loading its model, and a wait for the model to load
 */
public record RetryConfig(RetryPolicyConfig callback, RetryPolicyConfig llm, RetryPolicyConfig generation,
                          RetryPolicyConfig engine, RetryPolicyConfig loading) {

  /**
   * The policies of conf/config.yaml, for code built before its verticle passes the configured ones.
   * Keep in step with the {@code retry} section there.
   */
  public static final RetryConfig DEFAULTS = new RetryConfig(
      new RetryPolicyConfig(3, 500, 4_000, 120_000),
      new RetryPolicyConfig(3, 200, 2_000, 300_000),
      new RetryPolicyConfig(2, 1, 1, 600_000),
      new RetryPolicyConfig(3, 1_000, 2_000, 10_000),
      new RetryPolicyConfig(2_400, 250, 1_000, 600_000));

  public RetryConfig {
    required("callback", callback);
    required("llm", llm);
    required("generation", generation);
    required("engine", engine);
    required("loading", loading);
  }

  private static void required(String kind, RetryPolicyConfig policy) {
    if (policy == null) {
      throw new IllegalArgumentException("retry." + kind
          + ": expected a section (maxRetries, backoffMs, maxBackoffMs, deadlineMs)");
    }
    policy.validate("retry." + kind);
  }
}
