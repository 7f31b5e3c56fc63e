/**
 * IMYME solo feedback: submissions, grading against a model answer (key terms and their coverage),
 * results and callbacks.
 */
package dev.storyvox.solo;
