package io.recgate.core.ann;

/**
 * Parameters of an HNSW graph, recorded in the bundle manifest.
 *
 * @param m              links per node on the upper layers (twice that on the bottom layer); more
 *                       links give higher recall and a larger, slower-to-build graph
 * @param efConstruction breadth of the search that picks a new node's links while building
 * @param ef             default search breadth at query time; {@link AnnIndex#search} takes it per
 *                       request, this is the value the builder measured recall at
 * @param exactScanMaxFloats norm ranges of at most this many floats (items × dims) keep a packed
 *                       copy and are scanned exactly instead of searched in their graph when the
 *                       search is broad enough for the scan to be cheaper (about 100 rows per unit
 *                       of breadth; see {@link #DEFAULT_EXACT_SCAN_MAX_FLOATS}); 0 keeps no copy.
 *                       {@link HnswlibIndex} then searches every range's graph; the native index
 *                       (which stores the value in its file) still scans small ranges in place.
 */
public record HnswParams(int m, int efConstruction, int ef, int exactScanMaxFloats) {

    /** Default links per node. */
    public static final int DEFAULT_M = 16;
    /** Default construction breadth. */
    public static final int DEFAULT_EF_CONSTRUCTION = 200;
    /**
     * Default query breadth, chosen by measurement with M 16 / efConstruction 200 on seeded
     * taste-shaped data with skewed item norms ({@code HnswlibBenchmark} in core's tests): recall@10
     * at ef 20 / 50 / 100 was 0.95 / 0.99 / 0.998 for 4,000 x 32 items, 0.93 / 0.99 / 0.999 for
     * 20,000 x 64 and 0.95 / 0.99 / 0.999 for 200,000 x 64. 50 keeps a clear margin above the 0.95
     * gate at about half the cost of 100.
     */
    public static final int DEFAULT_EF = 50;

    /**
     * Default {@code exactScanMaxFloats}, 2^20 floats (4 MB). Measured on the 200,000 × 64 benchmark
     * bundle, one thread, CPU time per query: an hnswlib search with breadth 100 costs 47 µs on a
     * range of 726 items, 71 µs on 4,533 and 129 µs on 14,376, while a sequential SIMD scan of a
     * packed copy costs about 5 ns an item (72 µs for 14,376). Scanning in place through the row list
     * costs ~20 ns an item because the rows are scattered over the whole matrix, hence the copy.
     */
    public static final int DEFAULT_EXACT_SCAN_MAX_FLOATS = 1 << 20;

    /** The defaults: M 16, efConstruction 200, ef 50, ranges up to 2^20 floats scanned exactly. */
    public static final HnswParams DEFAULTS = new HnswParams(DEFAULT_M, DEFAULT_EF_CONSTRUCTION, DEFAULT_EF);

    /**
     * @throws IllegalArgumentException if {@code m} is outside [2, 512], {@code efConstruction} or
     *     {@code ef} is below 1, or {@code exactScanMaxFloats} is negative
     */
    public HnswParams {
        if (m < 2 || m > 512 || efConstruction < 1 || ef < 1 || exactScanMaxFloats < 0) {
            throw new IllegalArgumentException("HNSW parameters m " + m + " (must be in [2, 512]), efConstruction "
                    + efConstruction + " and ef " + ef + " (must be >= 1), exactScanMaxFloats " + exactScanMaxFloats
                    + " (must be >= 0)");
        }
    }

    /** Graph parameters with the default {@code exactScanMaxFloats}. */
    public HnswParams(int m, int efConstruction, int ef) {
        this(m, efConstruction, ef, DEFAULT_EXACT_SCAN_MAX_FLOATS);
    }

    /** These parameters with another {@code exactScanMaxFloats}. */
    public HnswParams withExactScanMaxFloats(int maxFloats) {
        return new HnswParams(m, efConstruction, ef, maxFloats);
    }
}
