package io.recgate.core.bundle;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parsed {@code manifest.json} of a published bundle: what the publisher stated
 * ({@link #metadata()}) plus the format version, the bundle version name, the creation time and the
 * size and SHA-256 of every other file. Immutable.
 *
 * @param formatVersion the on-disk format version ({@link #FORMAT_VERSION} when written by this code)
 * @param bundleVersion the version name given at publish, e.g. {@code v000003}
 * @param createdAt     when the bundle was published
 * @param metadata      dims, metric, counts, params and metrics
 * @param files         every file except the manifest, by name, sorted
 */
public record BundleManifest(int formatVersion, String bundleVersion, Instant createdAt, BundleMetadata metadata,
                             Map<String, FileEntry> files) {

    /** The format version this code writes and the only one it reads. */
    public static final int FORMAT_VERSION = 1;

    /** Copies {@code files} into an unmodifiable sorted map. */
    public BundleManifest {
        Objects.requireNonNull(bundleVersion, "bundleVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(metadata, "metadata");
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** Factor rank. */
    public int dims() {
        return metadata.dims();
    }

    /** Users in the model. */
    public int userCount() {
        return metadata.userCount();
    }

    /** Items in the model. */
    public int itemCount() {
        return metadata.itemCount();
    }

    /** The listed file, or null when the manifest does not list it. */
    public FileEntry file(String name) {
        return files.get(name);
    }
}
