package io.recgate.core.ann;

import com.github.jelmerk.hnswlib.core.DistanceFunction;
import io.recgate.kernels.Kernels;
import io.recgate.kernels.VectorKernels;

/**
 * Squared Euclidean distance between MIPS-augmented vectors (see {@link MipsReduction}), on the
 * SIMD kernels. Both arguments always have the graph's dimensionality ({@code dims + 1}): items are
 * checked when the graph is built and queries are augmented by {@link HnswlibIndex}, so the
 * unchecked kernel is used.
 *
 * <p>hnswlib's API boxes each distance into a {@link Float}; that allocation is hnswlib's, and one
 * reason a native HNSW will replace it.
 */
final class MipsL2Distance implements DistanceFunction<float[], Float> {

    private static final long serialVersionUID = 1L;

    private static final Kernels KERNELS = VectorKernels.implementation();

    @Override
    public Float distance(float[] a, float[] b) {
        return KERNELS.squaredL2(a, 0, b, 0, a.length);
    }
}
