package io.recgate.core.ann.hnsw;

import io.recgate.core.ann.HnswParams;
import io.recgate.core.ann.SearchArguments;
import io.recgate.kernels.BlockLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The native index file format, version 2. All numbers little-endian; every array starts at a
 * multiple of 4 bytes, so level-0 links can be viewed in place as an {@link IntBuffer}.
 *
 * <pre>
 * offset 0   4 bytes  magic "RGNH"
 *        4   int      format version (2)
 *        8   long     body length B in bytes
 *       16   B bytes  body
 *     16+B   int      CRC32C of the body
 * body:
 *   int dims, int size (rows), int M, int efConstruction, int ef, int partitions, long seed,
 *   int S (sample rows, min(size, 16)), int exactScanMaxFloats (ranges up to this many floats keep
 *   a packed vector copy, made at load)
 *   float[S x dims] the item vectors of rows i·(size−1)/(S−1), a fingerprint of the item matrix
 *   per partition, longest norms first:
 *     int nodes, int entry node (-1: empty), int entry level, int upper ints U,
 *     double reduction norm R, double bound norm
 *     float[dims] quantizer offsets, float[dims] quantizer steps (see ScalarQuantizer; the codes
 *     are computed again from the item matrix at load)
 *     int[nodes] rows, float[nodes] a_x, byte[nodes] levels (padded to 4 bytes),
 *     int[nodes x (2M+1)] level-0 lists (count, then up to 2M local ids),
 *     int[U] upper levels: for each node of level L > 0 in node order, L x (M+1) ints
 *   byte[size] deleted flags (0 or 1), padded to 4 bytes
 * </pre>
 *
 * Version 1 (no quantizer) is refused: rebuild the index. Loading checks the magic, version,
 * length, the body checksum, every count, id and quantizer step, and that the given item matrix
 * matches the sample rows, and refuses a bad file with an {@link InvalidIndexException} naming the
 * offset and values. Item vectors are not stored: the
 * bundle already holds them. The sample is compared with a relative tolerance of 1e-5, not
 * bitwise: a derived matrix (the unit-normalised rows of the similar-items index) computed again
 * by the reader differs in the last bits, because the Vector API's reductions round differently
 * in interpreted, C1 and C2 code.
 */
final class NativeIndexFile {

    /** The first four bytes of a native index file: "RGNH". */
    static final byte[] MAGIC = {'R', 'G', 'N', 'H'};
    static final int FORMAT_VERSION = 2;
    private static final int PREAMBLE = 16;
    private static final int BODY_HEADER = 40;
    private static final int PARTITION_HEADER = 32;
    private static final int SAMPLE_ROWS = 16;
    private static final double SAMPLE_TOLERANCE = 1e-5;

    private NativeIndexFile() {
    }

    // ---- writing ----------------------------------------------------------------------------

    static void write(NativeHnswIndex index, OutputStream out) throws IOException {
        int dims = index.dims();
        int size = index.size();
        HnswParams params = index.params();
        float[] vectors = index.vectorArray();
        HnswGraph[] graphs = index.graphs;
        int[] sample = sampleRows(size);
        long body = BODY_HEADER + 4L * sample.length * dims + pad4(size);
        for (HnswGraph g : graphs) {
            int n = g.count;
            body += PARTITION_HEADER + 8L * dims + 8L * n + pad4(n) + 4L * n * g.stride0
                    + 4L * upperInts(g.storage, n, g.strideUp);
        }
        LeWriter w = new LeWriter(out);
        w.raw(MAGIC);
        w.rawInt(FORMAT_VERSION);
        w.rawLong(body);
        w.startBody();
        w.putInt(dims);
        w.putInt(size);
        w.putInt(params.m());
        w.putInt(params.efConstruction());
        w.putInt(params.ef());
        w.putInt(graphs.length);
        w.putLong(index.seed());
        w.putInt(sample.length);
        w.putInt(params.exactScanMaxFloats());
        for (int row : sample) {
            for (int d = 0; d < dims; d++) {
                w.putFloat(vectors[row * dims + d]);
            }
        }
        for (HnswGraph g : graphs) {
            int n = g.count;
            HnswGraph.Storage s = g.storage;
            long e = g.entry;
            w.putInt(n);
            w.putInt(e == -1 ? -1 : HnswGraph.entryNode(e));
            w.putInt(e == -1 ? 0 : HnswGraph.entryLevel(e));
            w.putInt((int) upperInts(s, n, g.strideUp));
            w.putDouble(g.reductionNorm);
            w.putDouble(g.boundNorm);
            for (float v : g.quantizer.offsets()) {
                w.putFloat(v);
            }
            for (float v : g.quantizer.steps()) {
                w.putFloat(v);
            }
            for (int i = 0; i < n; i++) {
                w.putInt(s.rows[i]);
            }
            for (int i = 0; i < n; i++) {
                w.putFloat(s.aug[i]);
            }
            for (int i = 0; i < n; i++) {
                w.putByte(s.levels[i]);
            }
            w.pad4(n);
            int ints = n * g.stride0;
            for (int i = 0; i < ints; i++) {
                w.putInt(s.level0 != null ? s.level0[i] : s.mapped0.get(i));
            }
            for (int i = 0; i < n; i++) {
                if (s.levels[i] > 0) {
                    int[] block = s.upper[i];
                    for (int j = 0; j < s.levels[i] * g.strideUp; j++) {
                        w.putInt(block[j]);
                    }
                }
            }
        }
        boolean[] deleted = index.deletedFlags();
        for (int i = 0; i < size; i++) {
            w.putByte((byte) (deleted[i] ? 1 : 0));
        }
        w.pad4(size);
        if (w.bodyBytes() != body) {
            throw new IllegalStateException("wrote " + w.bodyBytes() + " body bytes, computed " + body);
        }
        w.finish();
    }

    private static long upperInts(HnswGraph.Storage s, int n, int strideUp) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += (long) s.levels[i] * strideUp;
        }
        return total;
    }

    private static long pad4(long n) {
        return (n + 3) & ~3L;
    }

    /** The rows whose vectors fingerprint the item matrix: evenly spaced, first and last included. */
    static int[] sampleRows(int size) {
        int count = Math.min(size, SAMPLE_ROWS);
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = count == 1 ? 0 : (int) ((long) i * (size - 1) / (count - 1));
        }
        return rows;
    }

    /** Buffered little-endian output that checksums the body. */
    private static final class LeWriter {
        private final OutputStream out;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();
        private boolean inBody;
        private long bodyBytes;

        LeWriter(OutputStream out) {
            this.out = out;
        }

        void raw(byte[] bytes) throws IOException {
            room(bytes.length);
            buf.put(bytes);
        }

        void rawInt(int v) throws IOException {
            room(4);
            buf.putInt(v);
        }

        void rawLong(long v) throws IOException {
            room(8);
            buf.putLong(v);
        }

        void startBody() throws IOException {
            drain();
            inBody = true;
        }

        void putInt(int v) throws IOException {
            room(4);
            buf.putInt(v);
            bodyBytes += 4;
        }

        void putFloat(float v) throws IOException {
            room(4);
            buf.putFloat(v);
            bodyBytes += 4;
        }

        void putLong(long v) throws IOException {
            room(8);
            buf.putLong(v);
            bodyBytes += 8;
        }

        void putDouble(double v) throws IOException {
            room(8);
            buf.putDouble(v);
            bodyBytes += 8;
        }

        void putByte(byte v) throws IOException {
            room(1);
            buf.put(v);
            bodyBytes += 1;
        }

        void pad4(long n) throws IOException {
            for (long i = n; i < NativeIndexFile.pad4(n); i++) {
                putByte((byte) 0);
            }
        }

        long bodyBytes() {
            return bodyBytes;
        }

        void finish() throws IOException {
            drain();
            inBody = false;
            rawInt((int) crc.getValue());
            drain();
            out.flush();
        }

        private void room(int n) throws IOException {
            if (buf.remaining() < n) {
                drain();
            }
        }

        private void drain() throws IOException {
            if (inBody) {
                crc.update(buf.array(), 0, buf.position());
            }
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    static NativeHnswIndex read(InputStream in, float[] items, int dims) throws IOException {
        byte[] bytes = in.readAllBytes();
        return parse(ByteBuffer.wrap(bytes), items, dims, false, "stream");
    }

    static NativeHnswIndex read(Path file, float[] items, int dims, boolean mapped) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length > Integer.MAX_VALUE) {
                throw new InvalidIndexException(file + ": " + length + " bytes is larger than the 2 GiB this "
                        + "format version supports");
            }
            ByteBuffer buf;
            if (mapped) {
                buf = channel.map(FileChannel.MapMode.READ_ONLY, 0, length);
            } else {
                buf = ByteBuffer.allocate((int) length);
                while (buf.hasRemaining() && channel.read(buf) >= 0) {
                    // read until full
                }
                buf.flip();
            }
            return parse(buf, items, dims, mapped, file.toString());
        }
    }

    /** The file starts with the native magic. */
    static boolean hasMagic(byte[] head) {
        return head.length >= 4 && head[0] == MAGIC[0] && head[1] == MAGIC[1] && head[2] == MAGIC[2]
                && head[3] == MAGIC[3];
    }

    private static NativeHnswIndex parse(ByteBuffer buf, float[] items, int dims, boolean keepMapped, String source)
            throws IOException {
        buf.order(ByteOrder.LITTLE_ENDIAN);
        int length = buf.limit();
        if (length < PREAMBLE + 4) {
            throw invalid(source, 0, "truncated: " + length + " bytes, the header alone needs " + (PREAMBLE + 4));
        }
        byte[] head = new byte[4];
        buf.get(0, head);
        if (!hasMagic(head)) {
            throw invalid(source, 0, String.format("bad magic %02x %02x %02x %02x, expected \"RGNH\" (52 47 4e 48)",
                    head[0], head[1], head[2], head[3]));
        }
        int version = buf.getInt(4);
        if (version != FORMAT_VERSION) {
            throw invalid(source, 4, "format version " + version + " is not supported (expected " + FORMAT_VERSION
                    + "): rebuild the index with this version of recgate");
        }
        long body = buf.getLong(8);
        long expected = (long) length - PREAMBLE - 4;
        if (body != expected) {
            throw invalid(source, 8, (body > expected ? "truncated" : "trailing bytes") + ": header says a body of "
                    + body + " bytes, the file has " + expected + " between header and checksum");
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().position(PREAMBLE).limit(PREAMBLE + (int) body));
        int stored = buf.getInt(PREAMBLE + (int) body);
        if ((int) crc.getValue() != stored) {
            throw invalid(source, PREAMBLE + body, String.format("body checksum CRC32C %08x != stored %08x (corrupt file)",
                    (int) crc.getValue(), stored));
        }
        Reader r = new Reader(buf, PREAMBLE, PREAMBLE + (int) body, source);
        int fileDims = r.getInt();
        int size = r.getInt();
        int m = r.getInt();
        int efConstruction = r.getInt();
        int ef = r.getInt();
        int partitions = r.getInt();
        long seed = r.getLong();
        int sampleCount = r.getInt();
        int exactScanMaxFloats = r.getInt();
        int itemRows = SearchArguments.checkMatrix(items, dims);
        if (fileDims != dims || size != itemRows) {
            throw invalid(source, PREAMBLE, "index has " + size + " items of " + fileDims + " dims, the item matrix "
                    + itemRows + " of " + dims);
        }
        if (m < 2 || m > 512 || efConstruction < 1 || ef < 1 || partitions < 1 || partitions > 64
                || exactScanMaxFloats < 0) {
            throw invalid(source, PREAMBLE, "bad parameters M " + m + ", efConstruction " + efConstruction + ", ef "
                    + ef + ", partitions " + partitions + ", exactScanMaxFloats " + exactScanMaxFloats);
        }
        int[] sample = sampleRows(size);
        if (sampleCount != sample.length) {
            throw invalid(source, PREAMBLE + 32L, sampleCount + " sample rows, expected " + sample.length);
        }
        int sampleAt = r.position();
        float[] sampled = r.getFloats(sample.length * dims);
        for (int i = 0; i < sample.length; i++) {
            for (int d = 0; d < dims; d++) {
                float indexed = sampled[i * dims + d];
                float actual = items[sample[i] * dims + d];
                if (Math.abs(indexed - actual) > SAMPLE_TOLERANCE * (Math.abs(indexed) + Math.abs(actual)) + 1e-30) {
                    throw invalid(source, sampleAt + 4L * (i * dims + d), "the index was built over other item "
                            + "vectors: row " + sample[i] + " dim " + d + " is " + indexed + " in the index, " + actual
                            + " in the given matrix");
                }
            }
        }
        HnswParams params = new HnswParams(m, efConstruction, ef, exactScanMaxFloats);
        HnswGraph[] graphs = new HnswGraph[partitions];
        boolean[] seen = new boolean[size];
        int stride0 = 2 * m + 1;
        int strideUp = m + 1;
        for (int p = 0; p < partitions; p++) {
            int at = r.position();
            int nodes = r.getInt();
            int entryNode = r.getInt();
            int entryLevel = r.getInt();
            int upperTotal = r.getInt();
            double reductionNorm = r.getDouble();
            double boundNorm = r.getDouble();
            if (nodes < 0 || nodes > size || upperTotal < 0 || entryLevel < 0 || entryLevel > HnswGraph.MAX_LEVEL
                    || (nodes == 0 ? entryNode != -1 : entryNode < 0 || entryNode >= nodes)
                    || !(reductionNorm >= 0) || !(boundNorm >= reductionNorm) || Double.isInfinite(boundNorm)) {
                throw invalid(source, at, "partition " + p + ": bad header nodes " + nodes + ", entry " + entryNode
                        + " at level " + entryLevel + ", upper ints " + upperTotal + ", norms " + reductionNorm
                        + " / " + boundNorm);
            }
            int quantizerAt = r.position();
            ScalarQuantizer quantizer;
            try {
                quantizer = new ScalarQuantizer(r.getFloats(dims), r.getFloats(dims));
            } catch (IllegalArgumentException e) {
                throw invalid(source, quantizerAt, "partition " + p + ": bad quantizer: " + e.getMessage());
            }
            int[] rows = r.getInts(nodes);
            for (int i = 0; i < nodes; i++) {
                if (rows[i] < 0 || rows[i] >= size || seen[rows[i]]) {
                    throw invalid(source, at, "partition " + p + " node " + i + ": row " + rows[i]
                            + " is outside [0, " + size + ") or repeated");
                }
                seen[rows[i]] = true;
            }
            float[] aug = r.getFloats(nodes);
            byte[] levels = r.getBytes(nodes);
            long upperExpected = 0;
            for (int i = 0; i < nodes; i++) {
                if (levels[i] < 0 || levels[i] > entryLevel) {
                    throw invalid(source, at, "partition " + p + " node " + i + ": level " + levels[i]
                            + " outside [0, " + entryLevel + "]");
                }
                upperExpected += (long) levels[i] * strideUp;
            }
            if (nodes > 0 && levels[entryNode] != entryLevel) {
                throw invalid(source, at, "partition " + p + ": entry node " + entryNode + " has level "
                        + levels[entryNode] + ", header says " + entryLevel);
            }
            if (upperExpected != upperTotal) {
                throw invalid(source, at, "partition " + p + ": " + upperTotal + " upper-level ints, levels need "
                        + upperExpected);
            }
            int level0At = r.position();
            int[] level0 = null;
            IntBuffer mapped0 = null;
            long level0Ints = (long) nodes * stride0;
            if (keepMapped) {
                mapped0 = r.viewInts(level0Ints);
            } else {
                level0 = r.getInts(level0Ints);
            }
            for (int i = 0; i < nodes; i++) {
                int base = i * stride0;
                int count = level0 != null ? level0[base] : mapped0.get(base);
                if (count < 0 || count > 2 * m) {
                    throw invalid(source, level0At + 4L * base, "partition " + p + " node " + i + ": " + count
                            + " level-0 links, at most " + 2 * m);
                }
                for (int j = 1; j <= count; j++) {
                    int id = level0 != null ? level0[base + j] : mapped0.get(base + j);
                    if (id < 0 || id >= nodes) {
                        throw invalid(source, level0At + 4L * (base + j), "partition " + p + " node " + i
                                + ": level-0 link " + id + " outside [0, " + nodes + ")");
                    }
                }
            }
            int upperAt = r.position();
            int[] upperInts = r.getInts(upperTotal);
            int[][] upper = new int[nodes][];
            int offset = 0;
            for (int i = 0; i < nodes; i++) {
                int level = levels[i];
                if (level == 0) {
                    continue;
                }
                int[] block = new int[level * strideUp];
                System.arraycopy(upperInts, offset, block, 0, block.length);
                for (int l = 1; l <= level; l++) {
                    int base = (l - 1) * strideUp;
                    int count = block[base];
                    if (count < 0 || count > m) {
                        throw invalid(source, upperAt + 4L * (offset + base), "partition " + p + " node " + i
                                + " level " + l + ": " + count + " links, at most " + m);
                    }
                    for (int j = 1; j <= count; j++) {
                        int id = block[base + j];
                        if (id < 0 || id >= nodes || levels[id] < l) {
                            throw invalid(source, upperAt + 4L * (offset + base + j), "partition " + p + " node " + i
                                    + " level " + l + ": link " + id + " is outside [0, " + nodes
                                    + ") or below that level");
                        }
                    }
                }
                upper[i] = block;
                offset += block.length;
            }
            byte[] codes = new byte[nodes * dims];
            boolean keepPacked = (long) nodes * dims <= exactScanMaxFloats;
            float[] packed = keepPacked ? new float[BlockLayout.floats(nodes, dims)] : null;
            for (int i = 0; i < nodes; i++) {
                quantizer.encode(items, rows[i] * dims, codes, i * dims);
                if (keepPacked) {
                    BlockLayout.putRow(items, rows[i] * dims, packed, i, dims);
                }
            }
            HnswGraph.Storage storage = new HnswGraph.Storage(nodes, rows, aug, levels, codes, packed, level0, mapped0,
                    upper);
            long entry = nodes == 0 ? -1 : HnswGraph.pack(entryLevel, entryNode);
            graphs[p] = new HnswGraph(m, efConstruction, quantizer, exactScanMaxFloats, reductionNorm, boundNorm,
                    storage, nodes, entry);
        }
        for (int row = 0; row < size; row++) {
            if (!seen[row]) {
                throw invalid(source, PREAMBLE, "item " + row + " is in no partition");
            }
        }
        byte[] flags = r.getBytes(size);
        boolean[] deleted = new boolean[size];
        for (int i = 0; i < size; i++) {
            if (flags[i] != 0 && flags[i] != 1) {
                throw invalid(source, r.position() - pad4(size) + i, "deleted flag of item " + i + " is " + flags[i]);
            }
            deleted[i] = flags[i] == 1;
        }
        if (r.position() != PREAMBLE + body) {
            throw invalid(source, r.position(), "body has " + (PREAMBLE + body - r.position()) + " unread bytes");
        }
        return new NativeHnswIndex(dims, params, seed, graphs, items, size, deleted, keepMapped);
    }

    private static InvalidIndexException invalid(String source, long offset, String message) {
        return new InvalidIndexException("invalid native HNSW index " + source + " at byte " + offset + ": " + message);
    }

    /** Bounds-checked sequential little-endian reads within the body. */
    private static final class Reader {
        private final ByteBuffer buf;
        private final int end;
        private final String source;
        private int pos;

        Reader(ByteBuffer buf, int start, int end, String source) {
            this.buf = buf;
            this.pos = start;
            this.end = end;
            this.source = source;
        }

        int position() {
            return pos;
        }

        private int take(long bytes) throws InvalidIndexException {
            if (bytes < 0 || bytes > end - pos) {
                throw invalid(source, pos, "needs " + bytes + " more bytes, the body has " + (end - pos) + " left");
            }
            int at = pos;
            pos += (int) bytes;
            return at;
        }

        int getInt() throws InvalidIndexException {
            return buf.getInt(take(4));
        }

        long getLong() throws InvalidIndexException {
            return buf.getLong(take(8));
        }

        double getDouble() throws InvalidIndexException {
            return buf.getDouble(take(8));
        }

        int[] getInts(long n) throws InvalidIndexException {
            int at = take(4 * n);
            int[] out = new int[(int) n];
            buf.slice(at, (int) (4 * n)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
            return out;
        }

        IntBuffer viewInts(long n) throws InvalidIndexException {
            int at = take(4 * n);
            return buf.slice(at, (int) (4 * n)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        }

        float[] getFloats(int n) throws InvalidIndexException {
            int at = take(4L * n);
            float[] out = new float[n];
            buf.slice(at, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }

        byte[] getBytes(int n) throws InvalidIndexException {
            int at = take(pad4(n));
            byte[] out = new byte[n];
            buf.get(at, out);
            return out;
        }
    }
}
