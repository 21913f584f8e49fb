package io.recgate.core.ann;

import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * "Items similar to this one" by cosine similarity of item vectors: an {@link AnnIndex} (exact or
 * HNSW) built over {@link ItemVectors#normalizedRows unit-normalised} item vectors and queried with
 * an item's own unit vector, so inner product equals cosine.
 *
 * <p>Build the index with {@code NativeHnswIndex.build(ItemVectors.normalizedRows(items, dims), ...)}
 * (or {@code HnswlibIndex.build})
 * (or load it from the bundle) and pass the same normalised matrix here. Immutable and thread-safe
 * if the index is.
 */
public final class SimilarItems {

    private final AnnIndex index;
    private final float[] normalizedItems;

    /**
     * @param index           an index over {@code normalizedItems}
     * @param normalizedItems the unit-normalised row-major item matrix the index was built from; not
     *                        copied, must not be modified afterwards
     * @throws IllegalArgumentException if the matrix does not have {@code index.size()} rows of
     *     {@code index.dims()} floats
     */
    public SimilarItems(AnnIndex index, float[] normalizedItems) {
        this.index = Objects.requireNonNull(index, "index");
        this.normalizedItems = Objects.requireNonNull(normalizedItems, "normalizedItems");
        if (normalizedItems.length != (long) index.size() * index.dims()) {
            throw new IllegalArgumentException("normalizedItems length " + normalizedItems.length + " != size "
                    + index.size() + " x dims " + index.dims());
        }
    }

    /** The underlying cosine index. */
    public AnnIndex index() {
        return index;
    }

    /**
     * The {@code k} accepted items most similar to {@code item}, best first, never {@code item}
     * itself; scores are cosine similarities in [-1, 1]. An item with an all-zero vector has
     * similarity 0 to everything.
     *
     * @param accept which items may be returned; null accepts all (but {@code item})
     * @throws IllegalArgumentException if {@code item} is outside [0, size), or as
     *     {@link AnnIndex#search}
     */
    public SearchResult similarTo(int item, int k, int ef, IntPredicate accept) {
        if (item < 0 || item >= index.size()) {
            throw new IllegalArgumentException("item " + item + " outside [0, " + index.size() + ")");
        }
        int dims = index.dims();
        float[] query = new float[dims];
        System.arraycopy(normalizedItems, item * dims, query, 0, dims);
        IntPredicate notSelf = accept == null ? other -> other != item : other -> other != item && accept.test(other);
        return index.search(query, k, ef, notSelf);
    }
}
