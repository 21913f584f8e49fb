package io.recgate.core.ann;

import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import io.recgate.kernels.VectorKernels;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Approximate inner-product search on hnswlib-core HNSW graphs.
 *
 * <p><b>Soundness.</b> HNSW is built for metric distances; on raw inner product with vectors of
 * unequal norm it has no nearest-neighbour guarantee. Items are therefore split into
 * {@linkplain NormPartition norm ranges}, and each range gets a graph over its
 * {@linkplain MipsReduction MIPS-to-Euclidean reduction}, whose L2 order is exactly its
 * inner-product order. A search visits ranges from the longest norms down and stops when a range's
 * bound ‖q‖·M cannot beat the k-th result found, skipping the remaining (shorter) ranges.
 * Returned scores are exact inner products of the original vectors.
 *
 * <p><b>Small ranges are scanned.</b> A range of at most {@link HnswParams#exactScanMaxFloats()}
 * floats keeps a packed copy of its vectors, and is scanned exactly whenever the search is broad
 * enough for that to be cheaper than an hnswlib search (measured, see
 * {@link NormPartition#SCAN_ROWS_PER_FETCH}); the recommendation routes' 100–200 candidates are.
 *
 * <p><b>Filters.</b> Within a range the graph is searched with breadth {@code max(k, ef)}; accepted
 * candidates are kept. When fewer than k are accepted the breadth grows with the observed
 * acceptance rate; once it would exceed {@value #MAX_GRAPH_FETCH} (or half the range), an exact
 * scan of that range's accepted items answers for the range instead, so the result always has
 * {@code min(k, #accepted)} items.
 *
 * <p><b>Threads.</b> Build uses a given number of threads. Searches are safe concurrently; hnswlib
 * keeps a pool of visited-sets per graph sized to the number of processors, so more concurrent
 * searches than processors wait for one another. A search allocates its own candidate pool.
 *
 * <p><b>Determinism.</b> hnswlib 1.2.1 draws node levels from {@code ThreadLocalRandom}, which
 * cannot be seeded: two builds of the same items give different graphs (and bytes) even on one
 * thread. Results stay within the measured recall; the replacement native HNSW will take a seed.
 *
 * <p><b>Persistence.</b> {@link #save} writes a small header followed by hnswlib's Java-serialized
 * graphs; {@link #load} must only be given bytes whose checksum the bundle reader has already
 * verified, and deserializes through an allowlist filter in addition (see {@link #load}).
 */
public final class HnswlibIndex implements AnnIndex {

    /** The value of {@link #kind()}. */
    public static final String KIND = "hnswlib";

    /**
     * Largest graph breadth tried in one range before switching to an exact scan of the range's
     * accepted items: beyond it, hnswlib (which boxes every distance) is slower than the SIMD scan
     * of 200,000 x 64 items.
     */
    static final int MAX_GRAPH_FETCH = 2048;

    private static final int MAGIC = 0x52474857; // "RGHW"
    /** Version 2 added {@code exactScanMaxFloats} to the header; version 1 files get the default. */
    private static final int FORMAT_VERSION = 2;

    private final List<NormPartition> partitions;
    private final float[] items;
    private final int dims;
    private final int size;
    private final HnswParams params;

    private HnswlibIndex(List<NormPartition> partitions, float[] items, int dims, HnswParams params) {
        this.partitions = List.copyOf(partitions);
        this.items = items;
        this.dims = dims;
        this.size = items.length / dims;
        this.params = params;
    }

    /**
     * Builds the graphs over the rows of {@code items}.
     *
     * @param items    row-major item matrix, {@code dims} columns, at least one row, finite values;
     *                 not copied, must not be modified afterwards
     * @param params   graph parameters
     * @param threads  build threads, {@code >= 1}
     * @param progress told about every ~1% of items added; see {@link BuildProgress}
     * @throws IllegalArgumentException on bad dimensions, an empty or non-finite matrix, or
     *     {@code threads < 1}
     * @throws InterruptedException if interrupted while waiting for the build threads
     */
    public static HnswlibIndex build(float[] items, int dims, HnswParams params, int threads,
                                     BuildProgress progress) throws InterruptedException {
        int size = SearchArguments.checkMatrix(items, dims);
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(progress, "progress");
        if (size == 0) {
            throw new IllegalArgumentException("cannot build an HNSW index over 0 items");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " must be >= 1");
        }
        SerialProgress listener = new SerialProgress(progress, size);
        List<NormPartition> partitions = new ArrayList<>();
        int done = 0;
        for (int[] rows : NormPartition.split(items, dims)) {
            double maxNorm = 0;
            for (int row : rows) {
                maxNorm = Math.max(maxNorm, Math.sqrt(NormPartition.squaredNorm(items, row, dims)));
            }
            List<HnswItem> nodes = new ArrayList<>(rows.length);
            for (int row : rows) {
                nodes.add(new HnswItem(row, MipsReduction.augmentItem(items, row, dims, maxNorm)));
            }
            HnswIndex<Integer, float[], HnswItem, Float> graph = HnswIndex
                    .newBuilder(dims + 1, new MipsL2Distance(), new FloatOrder(), rows.length)
                    .withM(params.m())
                    .withEfConstruction(params.efConstruction())
                    .withEf(1)
                    .withCustomSerializers(new ItemIdSerializer(), new HnswItemSerializer())
                    .build();
            int offset = done;
            graph.addAll(nodes, threads, (added, ignoredMax) -> listener.update(offset + added),
                    Math.max(1, size / 100));
            done += rows.length;
            listener.update(done);
            partitions.add(new NormPartition(graph, rows, maxNorm, NormPartition.packIfSmall(items, rows, dims, params.exactScanMaxFloats())));
        }
        return new HnswlibIndex(partitions, items, dims, params);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int dims() {
        return dims;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The parameters the graphs were built with; {@code ef} is the default query breadth. */
    public HnswParams params() {
        return params;
    }

    /** Number of norm ranges, each with its own graph (for logs and the manifest). */
    public int partitionCount() {
        return partitions.size();
    }

    /**
     * This index with every norm range searched through its graph, none scanned exactly (for tests
     * of the graph paths, which small test indexes would otherwise never take).
     */
    HnswlibIndex graphsOnly() {
        return new HnswlibIndex(partitions.stream().map(NormPartition::graphOnly).toList(), items, dims, params);
    }

    /** The norm ranges, longest first (for tests of this package). */
    List<NormPartition> partitions() {
        return partitions;
    }

    @Override
    public SearchResult search(float[] query, int k, int ef, IntPredicate accept) {
        SearchArguments.check(query, dims, k, ef);
        if (k == 0) {
            return SearchResult.empty();
        }
        int wanted = Math.min(k, size);
        double queryNorm = VectorKernels.norm(query);
        CandidatePool pool = new CandidatePool(wanted);
        for (NormPartition partition : partitions) {
            // Cauchy-Schwarz: no item of this or a later (shorter) range scores above ‖q‖·M.
            if (pool.kthBest() > queryNorm * partition.maxNorm * NormRanges.BOUND_SLACK) {
                break;
            }
            partition.collect(query, queryNorm, items, dims, wanted, ef, accept, pool);
        }
        return pool.best();
    }

    /**
     * Writes this index to {@code out}: a header (magic, format version, dims, size, M,
     * efConstruction, ef, exactScanMaxFloats, number of graphs) followed by hnswlib's Java-serialized graphs, which also
     * hold the item vectors, so {@link #load} needs nothing else. {@code out} is flushed, not closed.
     *
     * @throws UncheckedIOException if writing fails
     */
    public void save(OutputStream out) {
        Objects.requireNonNull(out, "out");
        try {
            DataOutputStream header = new DataOutputStream(new NonClosingOutputStream(out));
            header.writeInt(MAGIC);
            header.writeInt(FORMAT_VERSION);
            header.writeInt(dims);
            header.writeInt(size);
            header.writeInt(params.m());
            header.writeInt(params.efConstruction());
            header.writeInt(params.ef());
            header.writeInt(params.exactScanMaxFloats());
            header.writeInt(partitions.size());
            header.flush();
            // Exactly what HnswIndex.save does per graph, but one stream for all of them.
            try (ObjectOutputStream objects = new ObjectOutputStream(new NonClosingOutputStream(out))) {
                for (NormPartition partition : partitions) {
                    objects.writeObject(partition.graph);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write HNSW index: " + e.getMessage(), e);
        }
    }

    private static final class NonClosingOutputStream extends FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /**
     * Reads an index written by {@link #save}. Consumes {@code in} (the stream may be read past the
     * index, so give it a stream of its own, e.g. its bundle file); does not close it.
     *
     * <p><b>Contract: only verified bytes.</b> The graphs are stored with Java serialization, so
     * this method must only ever run on bytes whose SHA-256 the bundle reader has already checked
     * against the manifest. As a second line of defence the stream is read through an
     * {@link java.io.ObjectInputFilter} that allows exactly the five classes a save writes (hnswlib's
     * {@code HnswIndex} and four small classes of this package) with depth, reference and array
     * limits, and rejects anything else before it is instantiated. The filter is set on a stream we
     * create ourselves ({@code HnswIndex} is {@code Serializable} and restores itself in its own
     * {@code readObject}), so hnswlib's {@code load}, whose internal stream we could not filter per
     * call, is never used, and no JVM-wide filter or filter factory is installed that could affect
     * other code in the process.
     *
     * <p>hnswlib reads node counts and links as primitives, outside the filter's view: a stream
     * claiming an enormous item count could make it allocate accordingly, which is one more reason
     * the checksum must be verified first.
     *
     * @throws UncheckedIOException if reading fails or the stream is not a valid index; a stream
     *     refused by the allowlist fails with an {@link InvalidClassException} cause and a message
     *     naming the refused class
     */
    public static HnswlibIndex load(InputStream in) {
        Objects.requireNonNull(in, "in");
        try {
            DataInputStream header = new DataInputStream(in);
            int magic = header.readInt();
            if (magic != MAGIC) {
                throw corrupt("bad magic 0x" + Integer.toHexString(magic) + ", expected 0x"
                        + Integer.toHexString(MAGIC) + " (not an HNSW index written by HnswlibIndex.save)");
            }
            int version = header.readInt();
            if (version != FORMAT_VERSION && version != 1) {
                throw corrupt("format version " + version + " is not supported (expected 1 or " + FORMAT_VERSION + ")");
            }
            int dims = header.readInt();
            int size = header.readInt();
            if (dims < 1 || size < 1) {
                throw corrupt("dims " + dims + " and size " + size + " must be >= 1");
            }
            HnswParams params;
            try {
                int m = header.readInt();
                int efConstruction = header.readInt();
                int ef = header.readInt();
                params = version == 1 ? new HnswParams(m, efConstruction, ef)
                        : new HnswParams(m, efConstruction, ef, header.readInt());
            } catch (IllegalArgumentException e) {
                throw corrupt(e.getMessage());
            }
            int graphs = header.readInt();
            if (graphs < 1 || graphs > NormPartition.MAX_PARTITIONS) {
                throw corrupt("graph count " + graphs + " outside [1, " + NormPartition.MAX_PARTITIONS + "]");
            }
            List<HnswIndex<Integer, float[], HnswItem, Float>> read = readGraphs(in, graphs);
            float[] items;
            try {
                items = new float[Math.multiplyExact(size, dims)];
            } catch (ArithmeticException e) {
                throw corrupt("size " + size + " x dims " + dims + " exceeds the largest array");
            }
            BitSet seen = new BitSet(size);
            List<NormPartition> partitions = new ArrayList<>(graphs);
            for (HnswIndex<Integer, float[], HnswItem, Float> graph : read) {
                partitions.add(checkedPartition(graph, dims, params, items, seen));
            }
            if (seen.cardinality() != size) {
                throw corrupt("graphs hold " + seen.cardinality() + " distinct items, header says " + size);
            }
            return new HnswlibIndex(partitions, items, dims, params);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load HNSW index: " + e.getMessage(), e);
        }
    }

    private static List<HnswIndex<Integer, float[], HnswItem, Float>> readGraphs(InputStream in, int graphs)
            throws IOException {
        SerialAllowlist allowlist = new SerialAllowlist();
        List<HnswIndex<Integer, float[], HnswItem, Float>> read = new ArrayList<>(graphs);
        try {
            ObjectInputStream objects = new ObjectInputStream(in);
            objects.setObjectInputFilter(allowlist);
            for (int i = 0; i < graphs; i++) {
                Object graph = objects.readObject();
                if (!(graph instanceof HnswIndex<?, ?, ?, ?> hnsw)) {
                    throw corrupt("object " + i + " is a " + graph.getClass().getName() + ", not an HNSW graph");
                }
                @SuppressWarnings("unchecked")
                HnswIndex<Integer, float[], HnswItem, Float> typed = (HnswIndex<Integer, float[], HnswItem, Float>) hnsw;
                read.add(typed);
            }
        } catch (InvalidClassException e) {
            if (allowlist.rejection() != null) {
                InvalidClassException refused = new InvalidClassException(
                        "refused by the deserialization allowlist: " + allowlist.rejection());
                refused.initCause(e);
                throw refused;
            }
            throw e;
        } catch (ClassNotFoundException e) {
            throw corrupt("unknown class " + e.getMessage());
        } catch (ClassCastException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            // hnswlib's readObject casts and indexes what it reads without checks.
            throw corrupt("inconsistent graph data: " + e);
        }
        return read;
    }

    /** Checks one graph against the header, copies its vectors into {@code items} and marks its rows. */
    private static NormPartition checkedPartition(HnswIndex<Integer, float[], HnswItem, Float> graph, int dims,
                                                  HnswParams params, float[] items, BitSet seen) throws IOException {
        if (!(graph.getDistanceFunction() instanceof MipsL2Distance)
                || !(graph.getItemSerializer() instanceof HnswItemSerializer)
                || !(graph.getItemIdSerializer() instanceof ItemIdSerializer)
                || !(graph.getDistanceComparator() instanceof FloatOrder)) {
            throw corrupt("graph was not written by HnswlibIndex (distance " + graph.getDistanceFunction() + ")");
        }
        if (graph.getDimensions() != dims + 1 || graph.getM() != params.m() || graph.size() != graph.getMaxItemCount()) {
            throw corrupt("graph has dims " + graph.getDimensions() + ", M " + graph.getM() + ", size " + graph.size()
                    + " of capacity " + graph.getMaxItemCount() + " but header says dims " + dims
                    + " (+1 for the MIPS coordinate), M " + params.m() + ", full graphs");
        }
        int size = items.length / dims;
        Collection<HnswItem> nodes = graph.items();
        int[] rows = new int[nodes.size()];
        int count = 0;
        double maxNorm = 0;
        for (HnswItem node : nodes) {
            int row = node.index;
            if (row >= size || seen.get(row) || node.vector.length != dims + 1) {
                throw corrupt("item " + row + " is out of range [0, " + size + "), repeated, or has length "
                        + node.vector.length + " != " + (dims + 1));
            }
            seen.set(row);
            for (int d = 0; d < dims; d++) {
                if (!Float.isFinite(node.vector[d])) {
                    throw corrupt("item " + row + " dim " + d + " = " + node.vector[d] + " is not finite");
                }
            }
            System.arraycopy(node.vector, 0, items, row * dims, dims);
            maxNorm = Math.max(maxNorm, Math.sqrt(NormPartition.squaredNorm(items, row, dims)));
            rows[count++] = row;
        }
        Arrays.sort(rows);
        return new NormPartition(graph, rows, maxNorm, NormPartition.packIfSmall(items, rows, dims, params.exactScanMaxFloats()));
    }

    private static StreamCorruptedException corrupt(String message) {
        return new StreamCorruptedException("invalid HNSW index: " + message);
    }
}
