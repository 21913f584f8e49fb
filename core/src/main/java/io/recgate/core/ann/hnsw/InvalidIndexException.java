package io.recgate.core.ann.hnsw;

import java.io.IOException;

/**
 * An index file that is not a valid native HNSW index: wrong magic or version, truncated, a bad
 * checksum, inconsistent contents, or written for other item vectors. The message names the file
 * (when known), the offset and the values involved.
 */
public final class InvalidIndexException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, with offsets and values */
    public InvalidIndexException(String message) {
        super(message);
    }
}
