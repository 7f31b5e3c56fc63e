package dev.storyvox.config;

/** Storybook run limits, the story's language check and the narration stage's time limit per page. */
public record StoryConfig(int maxConcurrentRuns, int maxQueuedRuns, boolean requireKorean, long ttsTimeoutMs) {
  public StoryConfig {
    Check.positive("story.ttsTimeoutMs", ttsTimeoutMs);
    Check.range("story.maxConcurrentRuns", maxConcurrentRuns, 1, 1024);
    Check.range("story.maxQueuedRuns", maxQueuedRuns, 0, 100_000);
  }
}
