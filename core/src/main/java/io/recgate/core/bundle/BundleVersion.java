package io.recgate.core.bundle;

import java.nio.file.Path;

/**
 * One version directory of a bundle root, as listed by {@link BundleRoot#versions()} or returned by
 * {@link BundleWriter#publish}. Listing parses manifests but does not verify checksums; open the
 * version with {@link BundleRoot#open(String)} for that.
 *
 * @param name     the version name, e.g. {@code v000003}
 * @param dir      the version directory
 * @param current  whether the root's {@code current} pointer names this version
 * @param manifest the parsed manifest, or null when it is missing or unreadable
 * @param problem  why the manifest could not be read, or null when {@code manifest} is set
 */
public record BundleVersion(String name, Path dir, boolean current, BundleManifest manifest, String problem) {
}
