/**
 * Model files: the manifest's missing files fetched in the background ({@link dev.storyvox.models.ModelsVerticle})
 * or by {@code storyvox models pull} ({@link dev.storyvox.models.ModelsCommand}) through
 * {@link dev.storyvox.models.ModelFetchClient} (Range resume, sha256, disk check, atomic rename, retries), and
 * engines that load a file when it arrives ({@link dev.storyvox.models.ModelWait}).
 */
package dev.storyvox.models;
