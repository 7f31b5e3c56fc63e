/**
 * The robustness suite (JUnit tag {@code robustness}): malformed and hostile input, faulty dependencies,
 * crashes and slow clients against a real server; run with the rest by {@code bin/test}.
 */
package dev.storyvox.robustness;
