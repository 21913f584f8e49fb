package io.recgate.indexbuilder.io;

/**
 * Told how far a read has got, so the CLI can draw a progress bar. Called on the reading thread,
 * a few times per megabyte at most; implementations must be cheap and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = (bytesRead, totalBytes) -> { };

    /**
     * @param bytesRead  bytes consumed so far over all files of this read (never more than total)
     * @param totalBytes sum of the sizes of all files this read will consume
     */
    void onProgress(long bytesRead, long totalBytes);
}
