package io.recgate.core.ann;

import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import io.recgate.kernels.Kernels;
import io.recgate.kernels.VectorKernels;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The items whose norms lie within one range, with their own MIPS-reduced HNSW graph.
 *
 * <p>Why partitions: the reduction appends √(M² − ‖x‖²), so when norms are skewed (popular items
 * with long vectors, a long tail of short ones) almost every augmented item crowds near the pole
 * (0, …, 0, M) and the graph navigates badly: on 4,000 taste-shaped items with max/median norm 14,
 * one graph reached recall@10 0.88 at ef 100 where the same hnswlib on plain L2 reaches 1.0. Within
 * a partition whose norms differ by at most a factor {@link #NORM_RATIO}, the appended coordinate is
 * moderate and the graph works (Yan et al., "Norm-Ranging LSH for Maximum Inner Product Search",
 * NeurIPS 2018, use the same partitioning for LSH). Every partition's reduction is exact, so the
 * scheme stays sound; the upper bound ‖q‖·M of a partition lets the search skip partitions that
 * cannot beat the results already found.
 */
final class NormPartition {

    static final double NORM_RATIO = NormRanges.NORM_RATIO;
    static final int MIN_ITEMS = NormRanges.MIN_ITEMS;
    static final int MAX_PARTITIONS = NormRanges.MAX_RANGES;

    private static final Kernels KERNELS = VectorKernels.implementation();

    /**
     * A packed range is scanned instead of searched when it has at most this many rows per unit of
     * search breadth. Measured on the 200,000 × 64 benchmark bundle, one thread, CPU time per query:
     * an hnswlib search costs 0.5–0.9 µs per unit of breadth (breadth 100: 47 µs on 726 rows, 71 µs
     * on 4,533, 129 µs on 14,376; breadth 200: 86, 134 and 225 µs) and a packed SIMD scan about 5 ns
     * a row, so scanning wins up to ~100 rows per unit of breadth; at the narrow breadths of a plain
     * top-10 query (ef 20) the graph wins on all but the smallest ranges.
     */
    static final int SCAN_ROWS_PER_FETCH = 100;

    final HnswIndex<Integer, float[], HnswItem, Float> graph;
    /** Global item rows in this partition, ascending. */
    final int[] rows;
    /** Largest item norm in this partition: the M of its reduction and its score bound per unit query norm. */
    final double maxNorm;
    /** The rows' vectors, row-major in {@link #rows} order, for partitions scanned exactly; else null. */
    private final float[] packed;

    /**
     * @param packed the rows' vectors packed in {@code rows} order (see {@link #packIfSmall}) to scan
     *               this partition exactly, or null to search its graph
     */
    NormPartition(HnswIndex<Integer, float[], HnswItem, Float> graph, int[] rows, double maxNorm, float[] packed) {
        this.graph = graph;
        this.rows = rows;
        this.maxNorm = maxNorm;
        this.packed = packed;
        // The graph's own ef is only a floor under the per-request breadth we pass as its k.
        graph.setEf(1);
    }

    /** The packed vectors of {@code rows} if they are at most {@code maxFloats} floats, else null. */
    static float[] packIfSmall(float[] items, int[] rows, int dims, int maxFloats) {
        return (long) rows.length * dims <= maxFloats ? pack(items, rows, dims) : null;
    }

    /** This partition searching its graph whatever its size (for tests of the graph paths). */
    NormPartition graphOnly() {
        return new NormPartition(graph, rows, maxNorm, null);
    }

    private static float[] pack(float[] items, int[] rows, int dims) {
        float[] out = new float[rows.length * dims];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(items, rows[i] * dims, out, i * dims, dims);
        }
        return out;
    }

    /** The norm ranges of {@link NormRanges#split}, shared with the native HNSW. */
    static List<int[]> split(float[] items, int dims) {
        return NormRanges.split(items, dims);
    }

    static double squaredNorm(float[] items, int row, int dims) {
        return NormRanges.squaredNorm(items, row, dims);
    }

    /**
     * Adds to {@code pool} at least {@code wanted} accepted items of this partition that are its
     * best by inner product (approximately), or all its accepted items if it has fewer. When the
     * graph cannot supply them within the breadth limit, this partition alone is scanned exactly.
     * {@code queryNorm} is ‖query‖, which the caller already has for its range bounds.
     */
    void collect(float[] query, double queryNorm, float[] items, int dims, int wanted, int ef,
                 IntPredicate accept, CandidatePool pool) {
        int fetch = Math.max(wanted, ef);
        if (packed != null && rows.length <= SCAN_ROWS_PER_FETCH * (long) fetch) {
            scanPacked(query, queryNorm, dims, wanted, accept, pool);
            return;
        }
        if (rows.length <= 2 * fetch) {
            // Scanning a small partition costs no more than searching its graph, and is exact.
            scan(query, items, dims, accept, pool);
            return;
        }
        // Start as wide as the acceptance rate seen in earlier partitions suggests, rather than
        // rediscovering it with a narrow search in every partition.
        fetch = Math.max(fetch, pool.suggestedFetch(wanted));
        float[] augmented = MipsReduction.augmentQuery(query, maxNorm);
        int limit = Math.min(HnswlibIndex.MAX_GRAPH_FETCH, rows.length / 2);
        int[] accepted = new int[fetch];
        while (fetch <= limit) {
            List<com.github.jelmerk.hnswlib.core.SearchResult<HnswItem, Float>> found =
                    graph.findNearest(augmented, fetch);
            if (accepted.length < found.size()) {
                accepted = new int[found.size()];
            }
            int count = 0;
            for (int i = 0; i < found.size(); i++) {
                int row = found.get(i).item().index;
                if (accept == null || accept.test(row)) {
                    accepted[count++] = row;
                }
            }
            pool.observeAcceptance(found.size(), count);
            if (count >= wanted) {
                for (int i = 0; i < count; i++) {
                    pool.add(accepted[i], KERNELS.dot(query, 0, items, accepted[i] * dims, dims));
                }
                return;
            }
            if (found.size() < fetch) {
                // Fewer than asked although the partition is larger: the graph is not connected
                // enough for this query, so only an exact scan can find the remaining items.
                break;
            }
            fetch = count == 0 ? fetch * 8 : Math.max(2 * fetch, (int) Math.ceil(1.5 * fetch * wanted / count));
        }
        // Scanning only this range, not every item: the filter typically rejects most of one range
        // (a user has seen most of the few popular, long-norm items), and a whole-index scan there
        // made 99% of filtered k=100 searches on 200,000 items exact.
        scan(query, items, dims, accept, pool);
    }

    /**
     * Scores every row from the packed copy, then adds only those that {@link ScoreFloor#select}
     * lists (the pool would drop the others anyway, one unpredictable branch each).
     */
    private void scanPacked(float[] query, double queryNorm, int dims, int wanted, IntPredicate accept,
                            CandidatePool pool) {
        int n = rows.length;
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            scores[i] = KERNELS.dot(query, 0, packed, i * dims, dims);
        }
        int[] positions = new int[n];
        float bound = (float) (queryNorm * maxNorm * NormRanges.BOUND_SLACK);
        int selected = ScoreFloor.select(scores, n, wanted, pool.kthBest(), bound,
                accept == null ? null : i -> accept.test(rows[i]), positions);
        for (int j = 0; j < selected; j++) {
            pool.add(rows[positions[j]], scores[positions[j]]);
        }
    }

    private void scan(float[] query, float[] items, int dims, IntPredicate accept, CandidatePool pool) {
        for (int row : rows) {
            if (accept == null || accept.test(row)) {
                pool.add(row, KERNELS.dot(query, 0, items, row * dims, dims));
            }
        }
    }
}
