/**
 * Tests of the clustered deployment: api and gpu nodes in their own JVMs on loopback, joined over Hazelcast,
 * serving requests with the engines on other nodes and surviving a node's death.
 */
package dev.storyvox.cluster;
