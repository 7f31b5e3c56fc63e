package dev.storyvox.config;

/** Storybook run limits and the story's language check. */
public record StoryConfig(int maxConcurrentRuns, int maxQueuedRuns, boolean requireKorean) {
  public StoryConfig {
    Check.range("story.maxConcurrentRuns", maxConcurrentRuns, 1, 1024);
    Check.range("story.maxQueuedRuns", maxQueuedRuns, 0, 100_000);
  }
}
