/**
 * RunPod serverless: the client and verticle that send transcriptions, warmups and health checks to an
 * endpoint, and the worker mode that serves such an endpoint from this server's local whisper engine.
 */
package dev.storyvox.runpod;
