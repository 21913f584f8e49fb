package io.recgate.bench;

import io.recgate.kernels.Kernels;
import io.recgate.kernels.VectorKernels;
import java.util.Random;

/** Shared set-up helpers for the kernel benchmarks. */
final class KernelState {

    private KernelState() {
    }

    /**
     * The implementations in static finals, as production code reaches them through the
     * {@code VectorKernels} facade's static final field: the JIT then knows the exact class and
     * inlines without a type guard. Both twins are called the same way, so the ratio is fair.
     */
    static final Kernels SIMD = VectorKernels.simd().orElse(null);
    static final Kernels SCALAR = VectorKernels.scalar();

    static void requireSimd() {
        if (SIMD == null) {
            throw new IllegalStateException(
                    "jdk.incubator.vector is not in this JVM; run the benchmarks through ./bench/kernels.sh");
        }
    }

    static float[] randomFloats(Random random, int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = random.nextFloat() * 2f - 1f;
        }
        return a;
    }
}
