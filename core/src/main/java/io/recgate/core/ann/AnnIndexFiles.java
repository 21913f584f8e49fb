package io.recgate.core.ann;

import io.recgate.core.ann.hnsw.NativeHnswIndex;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StreamCorruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads an index file of either kind, recognised by its first four bytes: {@code "RGNH"} for
 * {@link NativeHnswIndex} ({@code kind() = "native"}), {@code "RGHW"} for {@link HnswlibIndex}
 * ({@code "hnswlib"}). Bundles record the kind in their manifest, but readers need not trust it.
 * Stateless and thread-safe.
 */
public final class AnnIndexFiles {

    private static final byte[] NATIVE = {'R', 'G', 'N', 'H'};
    private static final byte[] HNSWLIB = {'R', 'G', 'H', 'W'};

    private AnnIndexFiles() {
    }

    /**
     * Reads the index in {@code in} onto the heap. Consumes the stream, does not close it.
     *
     * <p>An hnswlib file is Java-serialized and carries its own copy of the vectors: give this
     * method only bytes whose checksum was verified (see {@link HnswlibIndex#load}); its
     * {@code items} must still have the index's shape. A native file holds no vectors and uses
     * {@code items} in place.
     *
     * @param items the row-major item matrix the index was built over; not copied (native)
     * @param dims  its number of columns
     * @throws StreamCorruptedException (an {@link IOException}) if the magic is neither kind's,
     *     or the hnswlib index's shape differs from {@code items}
     * @throws io.recgate.core.ann.hnsw.InvalidIndexException if a native file is truncated,
     *     corrupt or was built over other vectors
     * @throws IOException if reading fails
     */
    public static AnnIndex read(InputStream in, float[] items, int dims) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(items, "items");
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(4);
        byte[] head = buffered.readNBytes(4);
        buffered.reset();
        if (matches(head, NATIVE)) {
            return NativeHnswIndex.load(buffered, items, dims);
        }
        if (matches(head, HNSWLIB)) {
            return checkedShape(HnswlibIndex.load(buffered), items, dims);
        }
        throw unknown(head, "stream");
    }

    /**
     * Reads the index file {@code file}. A native file is read onto the heap or, with
     * {@code mapped}, keeps its level-0 links (the bulk of the graph) in a read-only memory map; an
     * hnswlib file is always deserialized onto the heap ({@code mapped} is ignored).
     *
     * @throws IOException as {@link #read(InputStream, float[], int)}
     */
    public static AnnIndex read(Path file, float[] items, int dims, boolean mapped) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(items, "items");
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        if (matches(head, NATIVE)) {
            return NativeHnswIndex.load(file, items, dims, mapped);
        }
        if (matches(head, HNSWLIB)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                return checkedShape(HnswlibIndex.load(in), items, dims);
            }
        }
        throw unknown(head, file.toString());
    }

    private static AnnIndex checkedShape(HnswlibIndex index, float[] items, int dims) throws StreamCorruptedException {
        if (index.dims() != dims || (long) index.size() * dims != items.length) {
            throw new StreamCorruptedException("hnswlib index has " + index.size() + " items of " + index.dims()
                    + " dims, the item matrix " + items.length / Math.max(1, dims) + " of " + dims);
        }
        return index;
    }

    private static boolean matches(byte[] head, byte[] magic) {
        return head.length == 4 && head[0] == magic[0] && head[1] == magic[1] && head[2] == magic[2]
                && head[3] == magic[3];
    }

    private static StreamCorruptedException unknown(byte[] head, String source) {
        StringBuilder hex = new StringBuilder();
        for (byte b : head) {
            hex.append(String.format("%02x ", b));
        }
        return new StreamCorruptedException("not an index file (" + source + "): first bytes " + hex.toString().trim()
                + ", expected \"RGNH\" (native) or \"RGHW\" (hnswlib)" + (head.length < 4 ? ", file has only "
                + head.length + " bytes" : ""));
    }
}
