/**
 * Outbound network guards: which hosts a user-supplied URL may reach (loopback, private and link-local
 * addresses are refused unless configured), checked on the resolved address that is then dialled.
 */
package dev.storyvox.net;
