package io.recgate.core.bundle;

import java.nio.file.Path;

/**
 * A bundle (or bundle root) that cannot be used: not published, incomplete, corrupted, written by
 * an unsupported format version, or unreadable. The message always starts with
 * {@code bundle <path>: } and names the file and the problem, for example
 * {@code bundle /b/v000003: item_factors.f32 checksum mismatch (manifest 3fa2..., file 9c1d...)}.
 *
 * <p>Unchecked: callers either refuse the bundle as a whole (the gateway keeps serving the previous
 * one) or let it fail the command.
 */
public final class BundleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path bundle;

    /** A problem with the bundle or bundle root at {@code bundle}. */
    public BundleException(Path bundle, String problem) {
        super("bundle " + bundle + ": " + problem);
        this.bundle = bundle;
    }

    /** A problem caused by {@code cause} (usually an I/O error). */
    public BundleException(Path bundle, String problem, Throwable cause) {
        super("bundle " + bundle + ": " + problem, cause);
        this.bundle = bundle;
    }

    /** The bundle version directory or bundle root the problem is about. */
    public Path bundle() {
        return bundle;
    }
}
