/**
 * Native engine hosting: one engine context pinned to its own single worker thread for its whole life,
 * with a bounded admission queue, readiness state and metrics of queue depth and busy contexts.
 */
package dev.storyvox.engine;
