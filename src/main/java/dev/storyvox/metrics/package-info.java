/**
 * Application metrics on the process's Micrometer registry (scraped at {@code /metrics}): engine queue
 * depth and busy contexts, inference times, runs and submissions by status, downloads.
 */
package dev.storyvox.metrics;
