package io.recgate.indexbuilder.als;

import java.util.Arrays;

/**
 * One worker's scratch and the per-row conjugate-gradient update of implicit ALS (Hu, Koren,
 * Volinsky 2008, solved approximately as in Takács et al. 2011 and the {@code implicit} library).
 * Row x minimises Σ_i c_i (p_i − ⟨x, y_i⟩)² + λ‖x‖² over all items i, with p_i = 1 and
 * c_i = 1 + w_i for the row's interactions and c_i = 1, p_i = 0 for all others, i.e. it solves
 * <pre>  (YᵀY + λI + Σ_obs w_i y_i y_iᵀ) x = Σ_obs (1 + w_i) y_i</pre>
 * with a few CG steps warm-started from the previous x; A·v is formed as YᵀY v + Σ_obs w_i ⟨y_i, v⟩ y_i,
 * never building A. Not thread-safe: one instance per worker.
 */
final class ImplicitRowSolver {

    /** Residual norm² below which the row is considered solved (as in the implicit library). */
    private static final float TOLERANCE = 1e-20f;

    private final LaneKernels kernels = AlsKernels.lanes();
    private final int rank;
    private final int stride;
    private final float[] x;
    private final float[] residual;
    private final float[] direction;
    private final float[] product;

    ImplicitRowSolver(int rank, int stride) {
        this.rank = rank;
        this.stride = stride;
        this.x = new float[stride];
        this.residual = new float[stride];
        this.direction = new float[stride];
        this.product = new float[stride];
    }

    /**
     * Updates rows [from, to) of {@code own} in place. {@code weight[e]} is c − 1 for entry e of
     * {@code rows}; {@code gram} is YᵀY + λI of the other side. Rows without interactions become 0.
     */
    void solveRows(SparseRows rows, float[] weight, int from, int to, float[] other, float[] gram, int cgSteps,
                   float[] own) {
        for (int r = from; r < to; r++) {
            int begin = rows.start[r];
            int end = rows.start[r + 1];
            int base = r * stride;
            if (begin == end) {
                Arrays.fill(own, base, base + stride, 0f);
                continue;
            }
            System.arraycopy(own, base, x, 0, stride);
            // residual = b − A x = Σ (1 + w − w⟨y, x⟩) y − YᵀY x − λx
            multiplyGram(gram, x, product);
            for (int j = 0; j < stride; j++) {
                residual[j] = -product[j];
            }
            for (int e = begin; e < end; e++) {
                int offset = rows.index[e] * stride;
                float w = weight[e];
                float yx = DenseOps.dot(other, offset, x, 0, stride);
                kernels.axpy(1f + w - w * yx, other, offset, residual, 0, stride);
            }
            System.arraycopy(residual, 0, direction, 0, stride);
            float rsOld = DenseOps.dot(residual, 0, residual, 0, stride);
            for (int step = 0; step < cgSteps && rsOld >= TOLERANCE; step++) {
                multiplyGram(gram, direction, product);
                for (int e = begin; e < end; e++) {
                    int offset = rows.index[e] * stride;
                    float yp = DenseOps.dot(other, offset, direction, 0, stride);
                    kernels.axpy(weight[e] * yp, other, offset, product, 0, stride);
                }
                float alpha = rsOld / DenseOps.dot(direction, 0, product, 0, stride);
                kernels.axpy(alpha, direction, 0, x, 0, stride);
                kernels.axpy(-alpha, product, 0, residual, 0, stride);
                float rsNew = DenseOps.dot(residual, 0, residual, 0, stride);
                float beta = rsNew / rsOld;
                for (int j = 0; j < stride; j++) {
                    direction[j] = residual[j] + beta * direction[j];
                }
                rsOld = rsNew;
            }
            System.arraycopy(x, 0, own, base, stride);
        }
    }

    /** out = G v for the symmetric Gram matrix G (rank rows of stride floats): Σ_a v[a] G[a]. */
    private void multiplyGram(float[] gram, float[] v, float[] out) {
        Arrays.fill(out, 0f);
        for (int a = 0; a < rank; a++) {
            kernels.axpy(v[a], gram, a * stride, out, 0, stride);
        }
    }
}
