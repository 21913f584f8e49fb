package io.recgate.indexbuilder.generate;

/**
 * Told how many interaction rows have been written so far. Called on the thread that runs
 * {@link SyntheticGenerator#generate}, after each block of users, with non-decreasing counts and
 * a final call where {@code rowsWritten == target}; keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores progress. */
    ProgressListener NONE = (rowsWritten, target) -> { };

    void progress(long rowsWritten, long target);
}
