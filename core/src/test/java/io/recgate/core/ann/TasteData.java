package io.recgate.core.ann;

import java.util.Random;
import java.util.function.IntPredicate;

/**
 * Seeded item and user vectors shaped like trained factors: a low-rank taste structure plus noise,
 * with item norms scaled by a heavy-tailed popularity factor so that norms differ a lot (the case
 * where HNSW on raw inner product goes wrong).
 */
public final class TasteData {

    private final int dims;
    private final int rank;
    private final float[] basis;
    private final Random random;

    public TasteData(int dims, int rank, long seed) {
        this.dims = dims;
        this.rank = rank;
        this.random = new Random(seed);
        this.basis = new float[dims * rank];
        for (int i = 0; i < basis.length; i++) {
            basis[i] = (float) random.nextGaussian();
        }
    }

    /** {@code count} item rows; norms vary by a log-normal popularity factor (sigma 0.6). */
    public float[] items(int count) {
        return rows(count, 0.6);
    }

    /** {@code count} user rows from the same taste space, without the popularity factor. */
    public float[] users(int count) {
        return rows(count, 0);
    }

    private float[] rows(int count, double popularitySigma) {
        float[] out = new float[count * dims];
        double[] z = new double[rank];
        for (int r = 0; r < count; r++) {
            for (int j = 0; j < rank; j++) {
                z[j] = random.nextGaussian();
            }
            double scale = Math.exp(popularitySigma * random.nextGaussian()) / Math.sqrt(rank);
            for (int d = 0; d < dims; d++) {
                double v = 0;
                for (int j = 0; j < rank; j++) {
                    v += basis[d * rank + j] * z[j];
                }
                v += 0.5 * random.nextGaussian();
                out[r * dims + d] = (float) (scale * v);
            }
        }
        return out;
    }

    /** Row {@code row} of a matrix as its own array. */
    public static float[] row(float[] matrix, int row, int dims) {
        float[] out = new float[dims];
        System.arraycopy(matrix, row * dims, out, 0, dims);
        return out;
    }

    /**
     * Mean recall@10 of {@code ann} at breadth {@code ef} against {@code truth} over the rows of
     * {@code queries}, both searched with the same filter.
     */
    public static double meanRecallAt10(AnnIndex ann, ExactIndex truth, float[] queries, int dims, int ef,
                                        IntPredicate accept) {
        int n = queries.length / dims;
        double sum = 0;
        for (int q = 0; q < n; q++) {
            float[] query = row(queries, q, dims);
            sum += overlap(truth.search(query, 10, 1, accept), ann.search(query, 10, ef, accept));
        }
        return sum / n;
    }

    /** Fraction of {@code truth}'s items that {@code found} contains. */
    public static double overlap(SearchResult truth, SearchResult found) {
        if (truth.size() == 0) {
            return 1;
        }
        int hits = 0;
        for (int t : truth.items()) {
            for (int f : found.items()) {
                if (t == f) {
                    hits++;
                    break;
                }
            }
        }
        return (double) hits / truth.size();
    }
}
