package io.recgate.core.ann;

/**
 * The reduction of maximum-inner-product search to nearest-neighbour search in Euclidean distance
 * (Bachrach et al., "Speeding up the Xbox recommender system using a Euclidean transformation for
 * inner-product spaces", RecSys 2014).
 *
 * <p>With M the largest item norm, item x becomes (x, √(M² − ‖x‖²)) and query q becomes (q, 0).
 * Every augmented item then has norm M and ‖q' − x'‖² = ‖q‖² + M² − 2⟨q, x⟩: the Euclidean order of
 * items is exactly their inner-product order, so HNSW's guarantees for L2 apply even though the
 * item norms differ (HNSW on raw inner product has none).
 */
final class MipsReduction {

    private MipsReduction() {
    }

    /** Largest Euclidean norm of the rows of a row-major matrix, in double precision. */
    static double maxNorm(float[] items, int dims) {
        double max = 0;
        for (int row = 0; row < items.length / dims; row++) {
            max = Math.max(max, squaredNorm(items, row * dims, dims));
        }
        return Math.sqrt(max);
    }

    /** Row {@code row} with the coordinate √(M² − ‖x‖²) appended; a new array of {@code dims + 1}. */
    static float[] augmentItem(float[] items, int row, int dims, double maxNorm) {
        float[] out = new float[dims + 1];
        System.arraycopy(items, row * dims, out, 0, dims);
        // Clamp at 0: for the longest rows rounding can make M² − ‖x‖² slightly negative.
        out[dims] = (float) Math.sqrt(Math.max(0, maxNorm * maxNorm - squaredNorm(items, row * dims, dims)));
        return out;
    }

    /**
     * The query scaled to norm {@code maxNorm}, with a 0 appended; a new array of
     * {@code query.length + 1}. A zero query stays zero.
     */
    static float[] augmentQuery(float[] query, double maxNorm) {
        double squared = 0;
        for (float v : query) {
            squared += (double) v * v;
        }
        double scale = squared > 0 && maxNorm > 0 ? maxNorm / Math.sqrt(squared) : 1;
        float[] out = new float[query.length + 1];
        for (int i = 0; i < query.length; i++) {
            out[i] = (float) (scale * query[i]);
        }
        return out;
    }

    private static double squaredNorm(float[] a, int off, int dims) {
        double s = 0;
        for (int i = off; i < off + dims; i++) {
            s += (double) a[i] * a[i];
        }
        return s;
    }
}
