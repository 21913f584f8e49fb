package io.recgate.indexbuilder.als;

/**
 * Element-wise fused multiply-add kernels for the ALS row solvers: SIMD on
 * {@code jdk.incubator.vector}, or a scalar implementation with {@link Math#fma}. Both round every
 * element exactly once per step in the same order, so they give bit-identical results; the JIT
 * cannot change them either, which keeps a seeded training run reproducible (see
 * {@link DenseOps} for why the shared dot-product kernels are not used here).
 *
 * <p>All lengths are multiples of {@link DenseOps#LANE_PAD} (16); callers pad rows with zeros.
 * Implementations are stateless and thread-safe; arguments are not checked (the solvers own
 * every array and offset).
 */
sealed interface LaneKernels permits LaneKernelsScalar, LaneKernelsSimd {

    /**
     * Adds four rank-1 updates to the lower triangle of a Gram matrix: for every row a in
     * [0, dim) and column j in [0, roundUp16(a + 1)) (at most {@code stride}),
     * {@code g[a·stride + j] += y[o_k + a]·y[o_k + j]} for k = 0..3, in that order.
     */
    void gram4(float[] g, int stride, int dim, float[] y, int o0, int o1, int o2, int o3);

    /** {@link #gram4} for one row {@code o0}. */
    void gram1(float[] g, int stride, int dim, float[] y, int o0);

    /** {@code acc[j] += c0·y[o0 + j] + … + c3·y[o3 + j]} for j in [0, length), in that order. */
    void axpy4(float[] acc, float[] y, int o0, int o1, int o2, int o3,
               float c0, float c1, float c2, float c3, int length);

    /** {@code acc[accOff + j] += c·x[xOff + j]} for j in [0, length). */
    void axpy(float c, float[] x, int xOff, float[] acc, int accOff, int length);

    /** Columns of Gram row a that {@link #gram4} updates. */
    static int triangleLength(int a, int stride) {
        return Math.min(stride, DenseOps.paddedStride(a + 1));
    }

    /** Short name for logs: {@code "simd-512"} or {@code "scalar"}. */
    String name();
}
