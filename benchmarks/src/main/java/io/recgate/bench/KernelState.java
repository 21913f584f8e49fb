package io.recgate.bench;

import io.recgate.kernels.Kernels;
import io.recgate.kernels.VectorKernels;
import java.util.Random;

/** Shared set-up helpers for the kernel benchmarks. */
final class KernelState {

    private KernelState() {
    }

    static Kernels simd() {
        return VectorKernels.simd().orElseThrow(() -> new IllegalStateException(
                "jdk.incubator.vector is not in this JVM; run the benchmarks through ./bench/kernels.sh"));
    }

    static Kernels scalar() {
        return VectorKernels.scalar();
    }

    static float[] randomFloats(Random random, int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = random.nextFloat() * 2f - 1f;
        }
        return a;
    }
}
