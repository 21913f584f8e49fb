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
     * Default query breadth, chosen by measurement: on 200,000 x 64 items with unequal norms and
     * M 16 / efConstruction 200, recall@10 is at or above 0.95 from ef 100 on (see
     * {@code HnswlibBenchmark} in core's tests and the report of the commit that set it).
     */
    public static final int DEFAULT_EF = 100;

    /** The defaults: M 16, efConstruction 200, ef 100. */
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
