/**
 * Work pools: every job that runs outside an event loop (whisper and llama.cpp contexts pinned to one thread
 * each, espeak-ng processes, the Java card renderer) runs on a named {@link dev.storyvox.engine.WorkPool}
 * with N threads, a bounded queue (429 BUSY beyond it), a readiness state, running and waiting counts and
 * metrics; {@link dev.storyvox.engine.WorkPools} reads every pool's status, locally or across a cluster.
 */
package dev.storyvox.engine;
