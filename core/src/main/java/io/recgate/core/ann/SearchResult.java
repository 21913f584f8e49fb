package io.recgate.core.ann;

import java.util.Arrays;
import java.util.Objects;

/**
 * Items found by a search, best first: {@code items[i]} is an item index and {@code scores[i]} its
 * inner product with the query. The arrays are not copied; the result belongs to whoever received
 * it.
 *
 * @param items  item indices, best first
 * @param scores inner-product scores, same length as {@code items}, non-increasing
 */
public record SearchResult(int[] items, float[] scores) {

    private static final SearchResult EMPTY = new SearchResult(new int[0], new float[0]);

    /**
     * @throws IllegalArgumentException if the arrays have different lengths
     */
    public SearchResult {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(scores, "scores");
        if (items.length != scores.length) {
            throw new IllegalArgumentException("items length " + items.length + " != scores length " + scores.length);
        }
    }

    /** The result with no items (shared; its empty arrays cannot be modified). */
    public static SearchResult empty() {
        return EMPTY;
    }

    /** Number of items found. */
    public int size() {
        return items.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchResult other && Arrays.equals(items, other.items)
                && Arrays.equals(scores, other.scores);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(items) + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "SearchResult" + Arrays.toString(items) + Arrays.toString(scores);
    }
}
