package io.recgate.core.ann.hnsw;

import io.recgate.core.ann.AnnIndex;
import io.recgate.core.ann.BuildProgress;
import io.recgate.core.ann.HnswParams;
import io.recgate.core.ann.NormRanges;
import io.recgate.core.ann.SearchArguments;
import io.recgate.core.ann.SearchResult;
import io.recgate.core.ann.SerialProgress;
import io.recgate.kernels.BlockLayout;
import io.recgate.kernels.VectorKernels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * Recgate's own HNSW index for maximum-inner-product search: flat primitive arrays, SIMD distances
 * from {@code vector-kernels}, per-request ef and filter, seeded parallel build, incremental adds
 * and deletes, and a checksummed little-endian file format ({@link #save}, {@link #load}).
 *
 * <p><b>Soundness.</b> Items are split into {@linkplain NormRanges norm ranges}; each range has its
 * own graph built in the exact MIPS-to-L2 reduction (see {@code HnswGraph}), so that HNSW's
 * Euclidean navigation applies. A search visits ranges from the longest norms down and stops when
 * a range's bound ‖q‖·R cannot beat the k-th result found (Cauchy–Schwarz). Scores are exact
 * inner products of the original vectors.
 *
 * <p><b>Quantized walks.</b> Graph searches rank the nodes they visit by 8-bit codes of the vectors
 * (a quarter of the memory traffic) and score what they found again from the float vectors; small
 * ranges are scanned exactly instead. Returned scores are exact inner products of the float vectors
 * (summed in another order by a scan than by a graph search's re-scoring, so equal up to float
 * rounding).
 *
 * <p><b>Filters and deletes.</b> Rejected and deleted items are traversed but never returned. A
 * range whose graph search cannot find {@code k} accepted items within a budget of a quarter of
 * its nodes is scanned exactly instead, so a search returns {@code min(k, #accepted undeleted)}
 * items.
 *
 * <p><b>Memory.</b> The item matrix given to {@link #build} or {@link #load} is used in place, not
 * copied (the first {@link #add} that needs room copies it into a larger array). Level-0 links cost
 * {@code 4·(2M + 1)} bytes per item, upper levels about {@code 4·(M + 1)/M} more, the 8-bit codes
 * that graph walks read {@code dims} bytes per item, and ranges of at most
 * {@link HnswParams#exactScanMaxFloats()} floats a packed copy of their vectors for exact scans
 * (both derived from the item matrix, not stored in the file). A file loaded
 * with {@code mapped = true} keeps the level-0 links in the mapped file (off-heap, shared through
 * the page cache); everything else is on the heap.
 *
 * <p><b>Threads.</b> Searches are safe concurrently with each other and with {@link #add} and
 * {@link #delete}, which are serialised among themselves; a search sees an item added or deleted
 * before it started. Each searching thread keeps reusable scratch in a {@link ThreadLocal}
 * (about 4 bytes per item of the largest range plus small heaps) for as long as it lives, so
 * searches allocate only their result: search from long-lived platform threads.
 *
 * <p><b>Determinism.</b> Node levels are drawn from a {@link java.util.SplittableRandom} seeded with
 * the seed and the item's row, and a one-thread build inserts in a seeded {@link LocalityOrder}:
 * the same items, parameters and seed give identical files. With more threads the graph depends
 * on scheduling.
 */
public final class NativeHnswIndex implements AnnIndex {

    /** The value of {@link #kind()}. */
    public static final String KIND = "native";

    private final int dims;
    private final HnswParams params;
    private final long seed;
    /** Graphs of the norm ranges, longest norms first. */
    final HnswGraph[] graphs;
    private final boolean mapped;
    private final Object writeLock = new Object();
    private final SearchState writeState = new SearchState();
    private final ThreadLocal<SearchState> states = ThreadLocal.withInitial(SearchState::new);
    private volatile float[] vectors;
    private volatile boolean[] deleted;
    private volatile int deletedCount;
    private volatile int size;

    NativeHnswIndex(int dims, HnswParams params, long seed, HnswGraph[] graphs, float[] vectors, int size,
                    boolean[] deleted, boolean mapped) {
        this.dims = dims;
        this.params = params;
        this.seed = seed;
        this.graphs = graphs;
        this.vectors = vectors;
        this.size = size;
        this.deleted = deleted;
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (deleted[i]) {
                count++;
            }
        }
        this.deletedCount = count;
        this.mapped = mapped;
    }

    /**
     * Builds the graphs over the rows of {@code items}.
     *
     * @param items    row-major item matrix, {@code dims} columns, at least one row, finite values;
     *                 searched in place, must not be modified afterwards (while building, the rows
     *                 of one norm range at a time are copied, in node order, and dropped)
     * @param params   graph parameters ({@code params.ef()} is only recorded, searches take ef)
     * @param seed     seed of the node levels
     * @param threads  build threads, {@code >= 1}; with 1 the result is reproducible
     * @param progress told about every ~1% of items linked; see {@link BuildProgress}
     * @throws IllegalArgumentException on bad dimensions, an empty or non-finite matrix, or
     *     {@code threads < 1}
     * @throws InterruptedException if interrupted while waiting for the build threads
     */
    public static NativeHnswIndex build(float[] items, int dims, HnswParams params, long seed, int threads,
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
        List<int[]> ranges = NormRanges.split(items, dims);
        HnswGraph[] graphs = new HnswGraph[ranges.size()];
        SerialProgress listener = new SerialProgress(progress, size);
        int done = 0;
        for (int p = 0; p < graphs.length; p++) {
            int[] rows = ranges.get(p);
            LocalityOrder.sort(items, dims, rows, seed);
            double maxSquared = 0;
            for (int row : rows) {
                maxSquared = Math.max(maxSquared, NormRanges.squaredNorm(items, row, dims));
            }
            // Linking reads the range's rows at random: from a contiguous copy in node order (node i
            // at row i while building) they share pages and cache lines, which made a one-thread
            // build of 200,000 x 64 items 21% faster (32.8 -> 26.0 s) with the identical graph.
            // The copy lives for this range's build only; nodes then point at the real rows.
            float[] local = new float[rows.length * dims];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(items, rows[i] * dims, local, i * dims, dims);
            }
            boolean keepPacked = (long) rows.length * dims <= params.exactScanMaxFloats();
            ScalarQuantizer quantizer = ScalarQuantizer.fit(items, dims, rows, rows.length);
            HnswGraph graph = HnswGraph.empty(params.m(), params.efConstruction(), quantizer,
                    params.exactScanMaxFloats(), Math.sqrt(maxSquared), rows.length,
                    keepPacked ? new float[BlockLayout.floats(rows.length, dims)] : null);
            HnswGraph.Storage s = graph.storage;
            for (int i = 0; i < rows.length; i++) {
                int level = HnswGraph.randomLevel(seed, rows[i], params.m());
                s.rows[i] = i;
                s.aug[i] = HnswGraph.augment(NormRanges.squaredNorm(items, rows[i], dims), graph.reductionNorm);
                s.levels[i] = (byte) level;
                s.upper[i] = level == 0 ? null : new int[level * graph.strideUp];
                quantizer.encode(local, i * dims, s.codes, i * dims);
                if (s.packed != null) {
                    BlockLayout.putRow(local, i * dims, s.packed, i, dims);
                }
            }
            insertAll(graph, rows.length, local, threads, listener, done);
            System.arraycopy(rows, 0, s.rows, 0, rows.length);
            graph.count = rows.length;
            done += rows.length;
            graphs[p] = graph;
        }
        listener.update(size);
        return new NativeHnswIndex(dims, params, seed, graphs, items, size, new boolean[size], false);
    }

    private static void insertAll(HnswGraph graph, int nodes, float[] items, int threads,
                                  SerialProgress listener, int offset) throws InterruptedException {
        int step = Math.max(1, listener.total() / 100);
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            SearchState st = new SearchState();
            for (int node = next.getAndIncrement(); node < nodes; node = next.getAndIncrement()) {
                graph.insert(node, items, st);
                if ((node + 1) % step == 0) {
                    listener.update(offset + node + 1);
                }
            }
        };
        if (threads == 1 || nodes < 2 * threads) {
            worker.run();
            return;
        }
        graph.parallelBuild(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    worker.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    next.set(nodes);
                }
            }, "hnsw-build-" + t);
            workers[t].start();
        }
        try {
            for (Thread w : workers) {
                w.join();
            }
        } catch (InterruptedException e) {
            next.set(nodes);
            throw e;
        }
        graph.parallelBuild(false);
        if (failure.get() instanceof RuntimeException r) {
            throw r;
        }
        if (failure.get() instanceof Error err) {
            throw err;
        }
    }

    /** Rows {@code 0 .. size()-1}, deleted ones included (their ids stay taken). */
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

    /** The seed of the node levels. */
    public long seed() {
        return seed;
    }

    /** Number of norm ranges, each with its own graph (for logs and the manifest). */
    public int partitionCount() {
        return graphs.length;
    }

    /**
     * Whether every range's level-0 links live in the memory-mapped file this index was loaded
     * from; an {@link #add} copies the links of the range it adds to onto the heap.
     */
    public boolean isMapped() {
        if (!mapped) {
            return false;
        }
        for (HnswGraph graph : graphs) {
            if (graph.storage.level0 != null) {
                return false;
            }
        }
        return true;
    }

    /** Number of items marked deleted. */
    public int deletedCount() {
        return deletedCount;
    }

    /**
     * Whether {@code item} is marked deleted.
     *
     * @throws IllegalArgumentException if {@code item} is outside [0, size)
     */
    public boolean isDeleted(int item) {
        checkItem(item);
        return deletedCount > 0 && deleted[item];
    }

    /**
     * A copy of the vectors of rows {@code 0 .. size()-1} (the matrix to give {@link #load} after
     * items were added).
     */
    public float[] vectors() {
        synchronized (writeLock) {
            return Arrays.copyOf(vectors, size * dims);
        }
    }

    /** The current item matrix (may have spare rows at the end); read after a graph's state. */
    float[] vectorArray() {
        return vectors;
    }

    /** The deleted flags, or null while nothing is deleted (saves the check per node). */
    boolean[] deletedArray() {
        return deletedCount > 0 ? deleted : null;
    }

    @Override
    public SearchResult search(float[] query, int k, int ef, IntPredicate accept) {
        SearchArguments.check(query, dims, k, ef);
        if (k == 0) {
            return SearchResult.empty();
        }
        int wanted = Math.min(k, size);
        double queryNorm = VectorKernels.norm(query);
        SearchState st = states.get();
        TopResults top = st.top;
        top.reset(wanted);
        for (HnswGraph graph : graphs) {
            // Cauchy–Schwarz: no item of this or a later (shorter) range scores above ‖q‖·R.
            if (top.kthBest() > queryNorm * graph.boundNorm * NormRanges.BOUND_SLACK) {
                break;
            }
            graph.collect(query, queryNorm, this, wanted, ef, accept, st, top);
        }
        return top.drain();
    }

    /**
     * Adds an item and links it into the graph of its norm range (the longest range if it is longer
     * than every range, whose Cauchy–Schwarz bound then grows with it). Searches may run meanwhile.
     *
     * @param vector {@code dims()} finite floats; copied
     * @return the new item's row, {@code size()} before the call
     * @throws IllegalArgumentException if {@code vector} is null, has the wrong length or a
     *     non-finite value
     * @throws IllegalStateException if the index would exceed {@code Integer.MAX_VALUE} floats
     */
    public int add(float[] vector) {
        SearchArguments.checkVector("vector", vector, dims);
        synchronized (writeLock) {
            int row = size;
            if ((long) (row + 1) * dims > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("index is full: " + row + " items of " + dims + " dims");
            }
            float[] vec = vectors;
            if ((row + 1) * dims > vec.length) {
                long capacity = Math.min((Integer.MAX_VALUE - 8) / dims, Math.max(row + 16L, row + (row >> 1)));
                vec = Arrays.copyOf(vec, (int) capacity * dims);
            }
            System.arraycopy(vector, 0, vec, row * dims, dims);
            boolean[] del = deleted;
            if (del.length < row + 1) {
                del = Arrays.copyOf(del, vec.length / dims);
            }
            deleted = del;
            // Vector and size are published before the graph's count, so a search that finds the
            // node sees its vector, and no search returns a row at or beyond size().
            vectors = vec;
            size = row + 1;
            double squared = NormRanges.squaredNorm(vec, row, dims);
            graphFor(Math.sqrt(squared)).append(row, squared, HnswGraph.randomLevel(seed, row, params.m()), vec,
                    writeState);
            return row;
        }
    }

    /**
     * The range for a new item of norm {@code norm}: of the shortest range whose reduction norm R
     * covers it and the next shorter one, the one whose R is nearer in ratio. An item a little
     * longer than R only has its appended coordinate clamped to 0 (a small distortion of that
     * range's build distance; searches stay exact inner products, and the range's bound grows),
     * whereas putting it in a range of much larger R crowds it near that range's pole: adding 2,000
     * taste-shaped items to 2,000, recall@10 at ef 50 was 0.926 that way and 0.955 this way (0.969
     * for a build over all 4,000: ranges are fixed at build, so rebuild after large growth).
     */
    private HnswGraph graphFor(double norm) {
        for (int p = graphs.length - 1; p >= 0; p--) {
            if (graphs[p].reductionNorm >= norm) {
                if (p + 1 < graphs.length && graphs[p + 1].reductionNorm > 0
                        && norm / graphs[p + 1].reductionNorm < graphs[p].reductionNorm / norm) {
                    return graphs[p + 1];
                }
                return graphs[p];
            }
        }
        return graphs[0];
    }

    /**
     * Marks {@code item} deleted: searches that start after this returns never return it; it stays
     * in the graph as a waypoint. Deleting twice is a no-op.
     *
     * @throws IllegalArgumentException if {@code item} is outside [0, size)
     */
    public void delete(int item) {
        checkItem(item);
        synchronized (writeLock) {
            if (!deleted[item]) {
                deleted[item] = true;
                // The volatile write publishes the flag to searches that read the count first.
                deletedCount = deletedCount + 1;
            }
        }
    }

    private void checkItem(int item) {
        if (item < 0 || item >= size) {
            throw new IllegalArgumentException("item " + item + " outside [0, " + size + ")");
        }
    }

    /**
     * Writes this index in the native format (see {@link NativeIndexFile}): graph, levels, deletes
     * and 16 sample rows that fingerprint the item vectors, not the vectors themselves.
     * {@code out} is flushed, not closed. Adds and deletes wait while it runs.
     *
     * @throws UncheckedIOException if writing fails
     */
    public void save(OutputStream out) {
        Objects.requireNonNull(out, "out");
        synchronized (writeLock) {
            try {
                NativeIndexFile.write(this, out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write native HNSW index: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Reads an index written by {@link #save} onto the heap.
     *
     * @param items the row-major matrix of the {@code size()} items it was built over (checked
     *              against the stored sample rows, with a relative tolerance of 1e-5); not
     *              copied, must not be modified afterwards
     * @throws InvalidIndexException if the bytes are not a valid native index, are truncated or
     *     corrupt, or do not match {@code items}
     * @throws IOException if reading fails
     */
    public static NativeHnswIndex load(InputStream in, float[] items, int dims) throws IOException {
        return NativeIndexFile.read(in, items, dims);
    }

    /**
     * Reads an index file written by {@link #save}.
     *
     * @param mapped true keeps the level-0 links (the bulk of the graph) in a read-only memory map of
     *               the file instead of copying them to the heap
     * @throws InvalidIndexException as {@link #load(InputStream, float[], int)}
     * @throws IOException if reading fails
     */
    public static NativeHnswIndex load(Path file, float[] items, int dims, boolean mapped) throws IOException {
        return NativeIndexFile.read(file, items, dims, mapped);
    }

    /** The deleted flags, at least {@code size()} long (for saving, under the write lock). */
    boolean[] deletedFlags() {
        return deleted;
    }
}
