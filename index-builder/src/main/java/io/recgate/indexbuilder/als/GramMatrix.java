package io.recgate.indexbuilder.als;

import java.util.Arrays;

/**
 * The Gram matrix MᵀM (+ λI) of a padded factor matrix M, as implicit ALS needs it once per
 * half-iteration (YᵀY in Hu, Koren, Volinsky 2008). Workers split the Gram rows, each scanning all
 * of M, so every entry is summed over M's rows in the same order whatever the thread count.
 * Sums are kept in float for {@value #CHUNK} rows at a time and then added in double, which
 * bounds the rounding error for large catalogues.
 */
final class GramMatrix {

    private static final int CHUNK = 4096;

    private final int rank;
    private final int stride;
    private final float[] gram;
    private final double[] exact;
    private final float[][] partial;

    GramMatrix(int rank, int stride, int threads) {
        this.rank = rank;
        this.stride = stride;
        this.gram = new float[rank * stride];
        this.exact = new double[rank * stride];
        this.partial = new float[threads][rank * stride];
    }

    /**
     * Computes MᵀM + λI from rows [0, rows) of {@code m} and returns it (row-major, {@code rank}
     * rows of {@code stride} floats, padding zero). The array is reused by the next call.
     */
    float[] compute(float[] m, int rows, double lambda, Workers workers) {
        LaneKernels kernels = AlsKernels.lanes();
        Arrays.fill(exact, 0.0);
        int[] blocks = Workers.evenBlocks(rank, workers.threads());
        workers.forEachBlock(blocks, (w, from, to) -> {
            float[] scratch = partial[w];
            for (int chunk = 0; chunk < rows; chunk += CHUNK) {
                int end = Math.min(rows, chunk + CHUNK);
                Arrays.fill(scratch, from * stride, to * stride, 0f);
                for (int r = chunk; r < end; r++) {
                    int offset = r * stride;
                    for (int a = from; a < to; a++) {
                        kernels.axpy(m[offset + a], m, offset, scratch, a * stride, stride);
                    }
                }
                for (int e = from * stride; e < to * stride; e++) {
                    exact[e] += scratch[e];
                }
            }
        });
        for (int e = 0; e < exact.length; e++) {
            gram[e] = (float) exact[e];
        }
        for (int a = 0; a < rank; a++) {
            gram[a * stride + a] += (float) lambda;
        }
        return gram;
    }
}
