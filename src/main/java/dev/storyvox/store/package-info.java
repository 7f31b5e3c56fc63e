/**
 * Durable state on disk: atomic writes (temp file, then rename) so a crash never leaves a half-written
 * state file, shared by storybook runs and IMYME submissions.
 */
package dev.storyvox.store;
