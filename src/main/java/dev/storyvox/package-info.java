/**
 * storyvox: the launcher ({@link dev.storyvox.Main}) and the deployment of verticles for a role.
 * Features live in their own packages and talk only over the event bus.
 */
package dev.storyvox;
