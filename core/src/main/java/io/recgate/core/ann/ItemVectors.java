package io.recgate.core.ann;

import io.recgate.kernels.VectorKernels;

/** Helpers for item matrices handed to an {@link AnnIndex}. */
public final class ItemVectors {

    private ItemVectors() {
    }

    /**
     * A copy of a row-major matrix with every row scaled to unit Euclidean norm; all-zero rows stay
     * zero. An index over these rows ranks by cosine similarity when queried with a unit vector
     * (see {@link SimilarItems}).
     *
     * @throws IllegalArgumentException if {@code dims <= 0}, the length is not a multiple of
     *     {@code dims} or a value is not finite
     */
    public static float[] normalizedRows(float[] items, int dims) {
        int rows = SearchArguments.checkMatrix(items, dims);
        float[] out = items.clone();
        for (int row = 0; row < rows; row++) {
            float norm = VectorKernels.norm(out, row * dims, dims);
            if (norm > 0f) {
                float inverse = 1f / norm;
                for (int i = row * dims; i < (row + 1) * dims; i++) {
                    out[i] *= inverse;
                }
            }
        }
        return out;
    }
}
