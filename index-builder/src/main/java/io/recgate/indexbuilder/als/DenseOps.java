package io.recgate.indexbuilder.als;

/**
 * The few dense operations the ALS row solvers need, written as plain loops on purpose.
 *
 * <p>Why not {@code io.recgate.kernels.VectorKernels}: its SIMD reductions give slightly different
 * float sums when interpreted and when compiled by C2 (lane sums are combined in another order), so
 * factors would depend on when the JIT kicked in and a fixed seed would not reproduce a model bit
 * for bit. Element-wise loops ({@link #axpy}) are exact per element, and C2 auto-vectorises them
 * without changing results; {@link #dot} sums in a fixed order with eight independent partial
 * sums, which the JIT cannot reorder. The kernels are still used where a result is only reported
 * (training loss).
 *
 * <p>Vectors here have padded lengths (multiples of {@link #LANE_PAD}) so loops have no ragged
 * tail. Stateless and thread-safe.
 */
final class DenseOps {

    /** Row stride padding: 16 floats, the widest (AVX-512) vector. */
    static final int LANE_PAD = 16;

    private DenseOps() {
    }

    /** {@code width} rounded up to a multiple of {@link #LANE_PAD}. */
    static int paddedStride(int width) {
        return (width + LANE_PAD - 1) / LANE_PAD * LANE_PAD;
    }

    /** y[yOff + j] += alpha * x[xOff + j] for j in [0, length). */
    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int length) {
        for (int j = 0; j < length; j++) {
            y[yOff + j] += alpha * x[xOff + j];
        }
    }

    /**
     * Σ a[aOff + j]·b[bOff + j] for j in [0, length), length a multiple of 8, summed in a fixed
     * order: eight interleaved partial sums (independent chains that hide add latency), combined
     * pairwise at the end.
     */
    static float dot(float[] a, int aOff, float[] b, int bOff, int length) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int j = 0; j < length; j += 8) {
            s0 += a[aOff + j] * b[bOff + j];
            s1 += a[aOff + j + 1] * b[bOff + j + 1];
            s2 += a[aOff + j + 2] * b[bOff + j + 2];
            s3 += a[aOff + j + 3] * b[bOff + j + 3];
            s4 += a[aOff + j + 4] * b[bOff + j + 4];
            s5 += a[aOff + j + 5] * b[bOff + j + 5];
            s6 += a[aOff + j + 6] * b[bOff + j + 6];
            s7 += a[aOff + j + 7] * b[bOff + j + 7];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
