package io.recgate.indexbuilder.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable ASCII byte buffer with allocation-free number formatting, so the hot loop writes
 * rows without {@code String.format} or boxing. Not thread-safe; one per worker.
 */
final class ByteLine {

    private byte[] bytes;
    private int size;

    ByteLine(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    ByteLine append(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** Appends ASCII text; callers pass only ASCII. */
    ByteLine append(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            bytes[size++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Appends a non-negative number in decimal. */
    ByteLine append(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("value " + value + " must be >= 0");
        }
        ensure(20);
        int digits = 1;
        for (long v = value / 10; v != 0; v /= 10) {
            digits++;
        }
        int end = size + digits;
        for (int p = end - 1; p >= size; p--) {
            bytes[p] = (byte) ('0' + (int) (value % 10));
            value /= 10;
        }
        size = end;
        return this;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
