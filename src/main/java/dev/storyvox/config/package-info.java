/**
 * Typed configuration: the merged YAML, environment and system-property settings mapped once into
 * immutable records, validated at startup with one clear line per bad key.
 */
package dev.storyvox.config;
