package io.recgate.core.ann;

import io.recgate.kernels.Kernels;
import io.recgate.kernels.TopK;
import io.recgate.kernels.VectorKernels;
import java.util.function.IntPredicate;

/**
 * Brute-force inner-product search: scores the query against every (accepted) item with the SIMD
 * kernels and keeps the top k. O(size · dims) per search, always exact.
 *
 * <p>Used as the ground truth for recall measurements, for small catalogues, and by
 * {@link HnswlibIndex} when a filter accepts too few items for the graph search to find k of them.
 *
 * <p><b>Memory and threads.</b> The item matrix is not copied: the caller must not modify it after
 * construction. Each thread that searches keeps one scratch buffer of {@code size()} floats and
 * {@code size()} ints in a {@link ThreadLocal} (8 bytes per item, 1.6 MB for 200,000 items) for as
 * long as the thread lives, so searches allocate only their result. Search from a bounded pool of
 * long-lived platform threads (event loops, a worker pool); virtual or short-lived threads work but
 * allocate the buffer each time. Safe for concurrent searches.
 */
public final class ExactIndex implements AnnIndex {

    private static final Kernels KERNELS = VectorKernels.implementation();

    private final float[] items;
    private final int dims;
    private final int size;
    private final ThreadLocal<Scratch> scratch;

    /**
     * @param items row-major item matrix with {@code dims} columns, finite values; not copied
     * @throws IllegalArgumentException if {@code dims <= 0}, the length is not a multiple of
     *     {@code dims} or a value is not finite
     */
    public ExactIndex(float[] items, int dims) {
        this.size = SearchArguments.checkMatrix(items, dims);
        this.items = items;
        this.dims = dims;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(size));
    }

    private static final class Scratch {
        final float[] scores;
        final int[] rows;

        Scratch(int size) {
            scores = new float[size];
            rows = new int[size];
        }
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
        return "exact";
    }

    @Override
    public SearchResult search(float[] query, int k, int ef, IntPredicate accept) {
        SearchArguments.check(query, dims, k, ef);
        if (k == 0 || size == 0) {
            return SearchResult.empty();
        }
        Scratch s = scratch.get();
        if (accept == null) {
            KERNELS.dotRows(query, 0, items, 0, size, dims, s.scores, 0);
            int[] top = TopK.largest(s.scores, size, k);
            float[] scores = new float[top.length];
            for (int i = 0; i < top.length; i++) {
                scores[i] = s.scores[top[i]];
            }
            return new SearchResult(top, scores);
        }
        // Compact the accepted rows first so that TopK sees only them; rows stay ascending, so
        // TopK's lower-index-first tie rule still means lower item index first.
        int accepted = 0;
        for (int row = 0; row < size; row++) {
            if (accept.test(row)) {
                s.scores[accepted] = KERNELS.dot(query, 0, items, row * dims, dims);
                s.rows[accepted] = row;
                accepted++;
            }
        }
        int[] top = TopK.largest(s.scores, accepted, k);
        float[] scores = new float[top.length];
        for (int i = 0; i < top.length; i++) {
            scores[i] = s.scores[top[i]];
            top[i] = s.rows[top[i]];
        }
        return new SearchResult(top, scores);
    }
}
