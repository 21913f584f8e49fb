package io.recgate.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads and writes {@code float[]} and {@code int[]} as raw little-endian 4-byte values, the
 * encoding of every matrix and array in a bundle (row-major, no header: the shape lives in the
 * manifest).
 *
 * <p>Data moves through a 64 KiB buffer per call, so arrays of any size stream without a second
 * full-size copy. Stateless and thread-safe; streams are neither closed nor buffered further.
 * Float readers and writers optionally refuse NaN and ±Infinity, naming the index of the first
 * bad value, because one NaN in a factor matrix silently poisons every score it touches.
 */
public final class LittleEndianArrays {

    /** Bytes per float32 or int32 value. */
    public static final int BYTES_PER_VALUE = 4;

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int CHUNK_VALUES = CHUNK_BYTES / BYTES_PER_VALUE;

    private LittleEndianArrays() {
    }

    /**
     * Writes {@code values[offset, offset+length)} as little-endian float32.
     *
     * @param rejectNonFinite when true, a NaN or infinite value fails the call before anything
     *                        past the preceding chunk is written
     * @throws IllegalArgumentException on a bad range, or a non-finite value (with its index)
     * @throws IOException              from the stream
     */
    public static void writeFloats(OutputStream out, float[] values, int offset, int length,
                                   boolean rejectNonFinite) throws IOException {
        Objects.requireNonNull(out, "out");
        checkRange(values.length, offset, length);
        if (rejectNonFinite) {
            requireFinite(values, offset, length);
        }
        byte[] chunk = new byte[Math.min(CHUNK_BYTES, Math.max(BYTES_PER_VALUE, length * BYTES_PER_VALUE))];
        ByteBuffer bytes = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        int done = 0;
        while (done < length) {
            int n = Math.min(chunk.length / BYTES_PER_VALUE, length - done);
            floats.clear();
            floats.put(values, offset + done, n);
            out.write(chunk, 0, n * BYTES_PER_VALUE);
            done += n;
        }
    }

    /** Writes all of {@code values}; see {@link #writeFloats(OutputStream, float[], int, int, boolean)}. */
    public static void writeFloats(OutputStream out, float[] values, boolean rejectNonFinite) throws IOException {
        writeFloats(out, values, 0, values.length, rejectNonFinite);
    }

    /**
     * Writes {@code values[offset, offset+length)} as little-endian int32.
     *
     * @throws IllegalArgumentException on a bad range
     * @throws IOException              from the stream
     */
    public static void writeInts(OutputStream out, int[] values, int offset, int length) throws IOException {
        Objects.requireNonNull(out, "out");
        checkRange(values.length, offset, length);
        byte[] chunk = new byte[Math.min(CHUNK_BYTES, Math.max(BYTES_PER_VALUE, length * BYTES_PER_VALUE))];
        IntBuffer ints = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        int done = 0;
        while (done < length) {
            int n = Math.min(chunk.length / BYTES_PER_VALUE, length - done);
            ints.clear();
            ints.put(values, offset + done, n);
            out.write(chunk, 0, n * BYTES_PER_VALUE);
            done += n;
        }
    }

    /** Writes all of {@code values} as little-endian int32. */
    public static void writeInts(OutputStream out, int[] values) throws IOException {
        writeInts(out, values, 0, values.length);
    }

    /**
     * Reads exactly {@code count} little-endian float32 values.
     *
     * @throws EOFException             when the stream ends first, saying how many were read
     * @throws IllegalArgumentException on a negative count, or a non-finite value (with its index)
     *                                  when {@code rejectNonFinite}
     */
    public static float[] readFloats(InputStream in, int count, boolean rejectNonFinite) throws IOException {
        Objects.requireNonNull(in, "in");
        if (count < 0) {
            throw new IllegalArgumentException("count " + count + " must be >= 0");
        }
        float[] values = new float[count];
        byte[] chunk = new byte[Math.min(CHUNK_BYTES, Math.max(BYTES_PER_VALUE, count * BYTES_PER_VALUE))];
        FloatBuffer floats = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        int done = 0;
        while (done < count) {
            int n = Math.min(chunk.length / BYTES_PER_VALUE, count - done);
            readFully(in, chunk, n * BYTES_PER_VALUE, done, count);
            floats.clear();
            floats.get(values, done, n);
            done += n;
        }
        if (rejectNonFinite) {
            requireFinite(values, 0, count);
        }
        return values;
    }

    /**
     * Reads exactly {@code count} little-endian int32 values.
     *
     * @throws EOFException when the stream ends first, saying how many were read
     */
    public static int[] readInts(InputStream in, int count) throws IOException {
        Objects.requireNonNull(in, "in");
        if (count < 0) {
            throw new IllegalArgumentException("count " + count + " must be >= 0");
        }
        int[] values = new int[count];
        byte[] chunk = new byte[Math.min(CHUNK_BYTES, Math.max(BYTES_PER_VALUE, count * BYTES_PER_VALUE))];
        IntBuffer ints = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        int done = 0;
        while (done < count) {
            int n = Math.min(chunk.length / BYTES_PER_VALUE, count - done);
            readFully(in, chunk, n * BYTES_PER_VALUE, done, count);
            ints.clear();
            ints.get(values, done, n);
            done += n;
        }
        return values;
    }

    /**
     * Reads a whole file of little-endian float32 values.
     *
     * @param expectedCount the number of values the file must hold, or -1 to accept any multiple of 4 bytes
     * @throws IllegalArgumentException when the file size is not 4 × expectedCount (or not a multiple
     *                                  of 4), or a value is non-finite and {@code rejectNonFinite}
     */
    public static float[] readFloats(Path file, int expectedCount, boolean rejectNonFinite) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int count = countFor(file, channel.size(), expectedCount);
            return readFloats(Channels.newInputStream(channel), count, rejectNonFinite);
        }
    }

    /**
     * Reads a whole file of little-endian int32 values.
     *
     * @param expectedCount the number of values the file must hold, or -1 to accept any multiple of 4 bytes
     * @throws IllegalArgumentException when the file size does not match
     */
    public static int[] readInts(Path file, int expectedCount) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int count = countFor(file, channel.size(), expectedCount);
            return readInts(Channels.newInputStream(channel), count);
        }
    }

    /**
     * Checks that {@code values[offset, offset+length)} holds no NaN or infinity.
     *
     * @throws IllegalArgumentException naming the first bad value and its index in {@code values}
     */
    public static void requireFinite(float[] values, int offset, int length) {
        checkRange(values.length, offset, length);
        int bad = firstNonFinite(values, offset, length);
        if (bad >= 0) {
            throw new IllegalArgumentException("non-finite value " + values[bad] + " at index " + bad);
        }
    }

    /** Index of the first NaN or infinite value in the range, or -1 when all are finite. */
    public static int firstNonFinite(float[] values, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Number of 4-byte values in {@code byteCount} bytes as an array length.
     *
     * @throws IllegalArgumentException when not a multiple of 4 or too large for a Java array
     */
    public static int valueCount(long byteCount) {
        if (byteCount < 0 || byteCount % BYTES_PER_VALUE != 0) {
            throw new IllegalArgumentException("size " + byteCount + " bytes is not a multiple of " + BYTES_PER_VALUE);
        }
        long count = byteCount / BYTES_PER_VALUE;
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(count + " values do not fit in one Java array");
        }
        return (int) count;
    }

    private static int countFor(Path file, long size, int expectedCount) {
        int count;
        try {
            count = valueCount(size);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (expectedCount >= 0 && count != expectedCount) {
            throw new IllegalArgumentException(file + ": " + size + " bytes holds " + count + " values, expected "
                    + expectedCount + " (" + (long) expectedCount * BYTES_PER_VALUE + " bytes)");
        }
        return count;
    }

    private static void readFully(InputStream in, byte[] chunk, int bytes, int valuesDone, int valuesWanted)
            throws IOException {
        int got = in.readNBytes(chunk, 0, bytes);
        if (got != bytes) {
            throw new EOFException("stream ended after " + (valuesDone + got / BYTES_PER_VALUE) + " of "
                    + valuesWanted + " values");
        }
    }

    private static void checkRange(int arrayLength, int offset, int length) {
        if (offset < 0 || length < 0 || offset > arrayLength - length) {
            throw new IllegalArgumentException("range offset " + offset + " length " + length
                    + " is outside an array of length " + arrayLength);
        }
    }
}
