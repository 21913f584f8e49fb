package io.recgate.core.ann;

import java.util.function.IntPredicate;

/**
 * A read-only index of item vectors answering "which items have the largest inner product with
 * this query?", exactly ({@link ExactIndex}) or approximately (Recgate's own
 * {@link io.recgate.core.ann.hnsw.NativeHnswIndex}, or {@link HnswlibIndex}). {@link AnnIndexFiles}
 * reads either HNSW file.
 *
 * <p>Items are identified by their row index {@code 0 .. size()-1} in the row-major item matrix the
 * index was built from. The score of an item is its inner product with the query, computed exactly
 * even when the candidates were found approximately.
 *
 * <p>Implementations are immutable after construction and safe for concurrent searches.
 */
public interface AnnIndex {

    /** Number of indexed items. */
    int size();

    /** Number of dimensions of item and query vectors. */
    int dims();

    /** A short name of the implementation for logs and the bundle manifest, e.g. {@code "hnswlib"}. */
    String kind();

    /**
     * The {@code k} accepted items with the largest inner product with {@code query}, best first
     * (equal scores: lower item index first).
     *
     * <p>The result holds exactly {@code min(k, number of accepted items)} entries: an approximate
     * index that cannot find {@code k} accepted items in its graph over-fetches and, if that is not
     * enough, falls back to an exact scan of the accepted items. Excluding a user's seen items and
     * category filters rely on this.
     *
     * @param query  {@code dims()} finite floats; read, never modified or retained
     * @param k      number of results wanted, {@code >= 0}
     * @param ef     search breadth of an approximate index ({@code >= 1}); larger is slower and more
     *               accurate. Below {@code k}, the native HNSW index searches with a beam of ef and
     *               keeps the best k it scores, while hnswlib-core widens its search to k. Exact
     *               indexes check it and otherwise ignore it.
     * @param accept which item indices may be returned; {@code null} accepts all. Called from the
     *               searching thread, possibly more than once for the same item (an approximate
     *               index retries with a wider search); must be cheap and side-effect free.
     * @return a new result owned by the caller
     * @throws IllegalArgumentException if {@code query} is null, has the wrong length or a
     *     non-finite value, or {@code k < 0}, or {@code ef < 1}
     */
    SearchResult search(float[] query, int k, int ef, IntPredicate accept);
}
