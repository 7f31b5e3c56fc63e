/** Model download tests against a loopback model host serving copies of the shared test models. */
package dev.storyvox.models;
