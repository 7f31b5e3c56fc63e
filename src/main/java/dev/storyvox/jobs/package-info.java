/**
 * The one job runtime every feature uses: a bounded queue with a concurrency limit ({@link
 * dev.storyvox.jobs.JobQueue}), the acknowledgement rule that nothing is shown before it is on disk ({@link
 * dev.storyvox.jobs.StateFile}), retention of final jobs and the outputs folder's free-space readiness.
 */
package dev.storyvox.jobs;
