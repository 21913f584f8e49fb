package io.recgate.indexbuilder.als;

import java.util.SplittableRandom;

/**
 * Factor matrices as the trainers keep them: row-major {@code float[]} with a padded row stride
 * (see {@link DenseOps#paddedStride}), padding columns always zero.
 */
final class PaddedFactors {

    private PaddedFactors() {
    }

    /**
     * Fills columns [0, rank) of every row with N(0, scale²) values from a generator seeded with
     * {@code seed}, row by row, so the result depends only on (rows, rank, stride, seed, scale).
     */
    static void fillGaussian(float[] matrix, int rows, int rank, int stride, long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < rows; r++) {
            int base = r * stride;
            for (int f = 0; f < rank; f++) {
                matrix[base + f] = (float) (random.nextGaussian() * scale);
            }
        }
    }

    /** Columns [0, rank) of every row, densely packed (the {@code FactorModel} layout). */
    static float[] unpad(float[] matrix, int rows, int rank, int stride) {
        float[] dense = new float[rows * rank];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(matrix, r * stride, dense, r * rank, rank);
        }
        return dense;
    }
}
