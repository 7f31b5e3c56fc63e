/**
 * The LLM: the llama.cpp engine ({@link dev.storyvox.llm.LlamaEngine}), its request and reply messages,
 * prompt templates and GBNF grammars, and the verticle that runs the engine on its pinned worker thread.
 */
package dev.storyvox.llm;
