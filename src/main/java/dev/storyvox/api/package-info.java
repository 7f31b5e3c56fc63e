/**
 * The HTTP edge: the router built from the OpenAPI contract, one {@code *Api} class per tag, the
 * failure handler that answers every error in its route family's shape, auth, request ids and SSE.
 */
package dev.storyvox.api;
