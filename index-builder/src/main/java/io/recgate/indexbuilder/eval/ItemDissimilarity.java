package io.recgate.indexbuilder.eval;

import io.recgate.indexbuilder.io.ItemCatalog;
import io.recgate.kernels.Kernels;
import io.recgate.kernels.VectorKernels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How different two items are, in [0, 1] for categories and [0, 2] for cosine, for intra-list
 * diversity. Implementations are immutable and thread-safe.
 */
public interface ItemDissimilarity {

    /** Dissimilarity of dense item indices {@code a} and {@code b}; symmetric, 0 when a == b. */
    float distance(int a, int b);

    /** What is measured, for reports: {@code "1 - cosine(item factors)"} or {@code "jaccard(categories)"}. */
    String description();

    /**
     * The default choice for reports: cosine over item factors when they are given, else Jaccard
     * over categories when any item has one, else null (diversity is not reported).
     *
     * @param itemFactors row-major item factors, or null
     * @param dims        columns of {@code itemFactors} (ignored when it is null)
     * @param catalog     item catalogue, or null
     */
    static ItemDissimilarity choose(float[] itemFactors, int dims, ItemCatalog catalog) {
        if (itemFactors != null) {
            return cosine(itemFactors, dims);
        }
        if (catalog != null) {
            for (List<String> categories : catalog.categories()) {
                if (!categories.isEmpty()) {
                    return categoryJaccard(catalog);
                }
            }
        }
        return null;
    }

    /**
     * 1 − cosine similarity of item factor rows (row-major, {@code dims} columns). A zero vector
     * has cosine 0 with everything, so distance 1.
     *
     * @throws IllegalArgumentException if dims &lt;= 0 or the length is not a multiple of dims
     */
    static ItemDissimilarity cosine(float[] itemFactors, int dims) {
        Objects.requireNonNull(itemFactors, "itemFactors");
        if (dims <= 0 || itemFactors.length % dims != 0) {
            throw new IllegalArgumentException("item factor length " + itemFactors.length
                    + " is not a positive multiple of dims " + dims);
        }
        Kernels kernels = VectorKernels.implementation();
        return new ItemDissimilarity() {
            @Override
            public float distance(int a, int b) {
                return 1f - kernels.cosine(itemFactors, a * dims, itemFactors, b * dims, dims);
            }

            @Override
            public String description() {
                return "1 - cosine(item factors)";
            }
        };
    }

    /**
     * Jaccard distance of the items' category sets: 1 − |A ∩ B| / |A ∪ B|; 0 when both sets are
     * empty (nothing tells them apart).
     */
    static ItemDissimilarity categoryJaccard(ItemCatalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        List<List<String>> categories = catalog.categories();
        Map<String, Integer> ids = new HashMap<>();
        int[][] sets = new int[categories.size()][];
        for (int i = 0; i < sets.length; i++) {
            List<String> names = categories.get(i);
            int[] set = new int[names.size()];
            for (int c = 0; c < set.length; c++) {
                Integer next = ids.size();
                Integer id = ids.putIfAbsent(names.get(c), next);
                set[c] = id == null ? next : id;
            }
            Arrays.sort(set);
            sets[i] = dedupSorted(set);
        }
        return new ItemDissimilarity() {
            @Override
            public float distance(int a, int b) {
                return jaccardDistance(sets[a], sets[b]);
            }

            @Override
            public String description() {
                return "jaccard(categories)";
            }
        };
    }

    private static int[] dedupSorted(int[] sorted) {
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    private static float jaccardDistance(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - common;
        return union == 0 ? 0f : 1f - (float) common / union;
    }
}
