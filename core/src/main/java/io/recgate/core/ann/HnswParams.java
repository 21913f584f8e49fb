package io.recgate.core.ann;

/**
 * Parameters of an HNSW graph, recorded in the bundle manifest.
 *
 * @param m              links per node on the upper layers (twice that on the bottom layer); more
 *                       links give higher recall and a larger, slower-to-build graph
 * @param efConstruction breadth of the search that picks a new node's links while building
 * @param ef             default search breadth at query time; {@link AnnIndex#search} takes it per
 *                       request, this is the value the builder measured recall at
 */
public record HnswParams(int m, int efConstruction, int ef) {

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

    /** The defaults: M 16, efConstruction 200, ef 50. */
    public static final HnswParams DEFAULTS = new HnswParams(DEFAULT_M, DEFAULT_EF_CONSTRUCTION, DEFAULT_EF);

    /**
     * @throws IllegalArgumentException if {@code m} is outside [2, 512] or {@code efConstruction} or
     *     {@code ef} is below 1
     */
    public HnswParams {
        if (m < 2 || m > 512 || efConstruction < 1 || ef < 1) {
            throw new IllegalArgumentException("HNSW parameters m " + m + " (must be in [2, 512]), efConstruction "
                    + efConstruction + " and ef " + ef + " (must be >= 1)");
        }
    }
}
