/**
 * The event bus seam: every address, the record codec that carries messages locally and on the wire,
 * and the mapping between {@link dev.storyvox.bus.ServiceException} and {@code ReplyException}.
 */
package dev.storyvox.bus;
