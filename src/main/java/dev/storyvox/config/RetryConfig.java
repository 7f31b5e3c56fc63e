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
 * @param models a model file download cut, stalled or answered with a 5xx or 429 ({@code models.*})
 */
public record RetryConfig(RetryPolicyConfig callback, RetryPolicyConfig llm, RetryPolicyConfig generation,
                          RetryPolicyConfig engine, RetryPolicyConfig loading,
                          RetryPolicyConfig models) {

  public RetryConfig {
    required("callback", callback);
    required("llm", llm);
    required("generation", generation);
    required("engine", engine);
    required("loading", loading);
    required("models", models);
  }

  private static void required(String kind, RetryPolicyConfig policy) {
    if (policy == null) {
      throw new IllegalArgumentException("retry." + kind
          + ": expected a section (maxRetries, backoffMs, maxBackoffMs, deadlineMs)");
    }
    policy.validate("retry." + kind);
  }
}
