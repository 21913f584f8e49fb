package io.recgate.indexbuilder.io;

import java.nio.file.Path;

/**
 * What to do with a malformed row: throw a {@link DataFormatException}, or, when skipping is on,
 * count it and keep the first message as an example for the summary. Not thread-safe.
 */
final class BadRows {

    private final boolean skip;
    private long skipped;
    private String firstMessage;

    BadRows(boolean skip) {
        this.skip = skip;
    }

    /** Throws, or records the row as skipped and returns so the caller can go on. */
    void report(Path file, long line, String problem, String text) {
        DataFormatException e = new DataFormatException(file, line, problem, text);
        if (!skip) {
            throw e;
        }
        skipped++;
        if (firstMessage == null) {
            firstMessage = e.getMessage();
        }
    }

    long skipped() {
        return skipped;
    }

    String firstMessage() {
        return firstMessage;
    }
}
