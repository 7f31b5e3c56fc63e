/**
 * Tests of the web page: how the server serves it, and browser tests that drive it in Debian's chromium
 * through playwright-core (the specs live in {@code src/test/js}).
 */
package dev.storyvox.web;
