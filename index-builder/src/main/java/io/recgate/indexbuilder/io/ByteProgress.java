package io.recgate.indexbuilder.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Adds up bytes consumed over the several files of one read and forwards them to a
 * {@link ProgressListener} at most once per {@link #STEP} bytes. Not thread-safe.
 */
final class ByteProgress {

    static final long STEP = 1 << 20;

    private final ProgressListener listener;
    private final long total;
    private long done;
    private long lastReported;

    ByteProgress(ProgressListener listener, List<Path> files) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
        long sum = 0;
        for (Path file : files) {
            if (file != null && Files.isRegularFile(file)) {
                try {
                    sum += Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        this.total = sum;
    }

    void add(long bytes) {
        done += bytes;
        if (done - lastReported >= STEP) {
            report();
        }
    }

    /** Reports the end of the read: all bytes, even of optional files that were not there to read. */
    void complete() {
        done = total;
        report();
    }

    private void report() {
        lastReported = done;
        listener.onProgress(Math.min(done, total), total);
    }
}
