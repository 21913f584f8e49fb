package io.recgate.indexbuilder.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LaneKernelsTest {

    private static float[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return v;
    }

    private static boolean simdAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void simdAndScalarKernelsAreBitIdentical() {
        assumeTrue(simdAvailable(), "jdk.incubator.vector not present");
        LaneKernels simd = LaneKernelsSimd.INSTANCE;
        LaneKernels scalar = LaneKernelsScalar.INSTANCE;
        assertNotSame(simd, scalar);
        for (int dim : new int[] {1, 5, 16, 17, 33, 51, 64}) {
            int stride = DenseOps.paddedStride(dim);
            float[] y = random(10 * stride, dim);
            float[] gSimd = random(dim * stride, 100 + dim);
            float[] gScalar = gSimd.clone();
            simd.gram4(gSimd, stride, dim, y, 0, 3 * stride, 7 * stride, 9 * stride);
            scalar.gram4(gScalar, stride, dim, y, 0, 3 * stride, 7 * stride, 9 * stride);
            simd.gram1(gSimd, stride, dim, y, 2 * stride);
            scalar.gram1(gScalar, stride, dim, y, 2 * stride);
            assertArrayEquals(gScalar, gSimd, "gram, dim " + dim);
            float[] accSimd = random(stride, 200 + dim);
            float[] accScalar = accSimd.clone();
            simd.axpy4(accSimd, y, stride, 2 * stride, 4 * stride, 8 * stride, 0.5f, -1.25f, 3f, 1e-3f, stride);
            scalar.axpy4(accScalar, y, stride, 2 * stride, 4 * stride, 8 * stride, 0.5f, -1.25f, 3f, 1e-3f, stride);
            simd.axpy(-0.7f, y, 5 * stride, accSimd, 0, stride);
            scalar.axpy(-0.7f, y, 5 * stride, accScalar, 0, stride);
            assertArrayEquals(accScalar, accSimd, "axpy, dim " + dim);
        }
    }

    @Test
    void gramUpdateAddsOuterProductsToTheLowerTriangle() {
        int dim = 20;
        int stride = DenseOps.paddedStride(dim);
        float[] y = random(4 * stride, 3);
        for (int k = 0; k < 4; k++) {
            java.util.Arrays.fill(y, k * stride + dim, (k + 1) * stride, 0f);
        }
        float[] g = new float[dim * stride];
        AlsKernels.lanes().gram4(g, stride, dim, y, 0, stride, 2 * stride, 3 * stride);
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b <= a; b++) {
                double expected = 0;
                for (int k = 0; k < 4; k++) {
                    expected += (double) y[k * stride + a] * y[k * stride + b];
                }
                assertEquals(expected, g[a * stride + b], 1e-5, "(" + a + ", " + b + ")");
            }
        }
    }

    @Test
    void denseDotSumsInFixedOrder() {
        float[] a = random(64, 1);
        float[] b = random(64, 2);
        double expected = 0;
        for (int k = 0; k < 64; k++) {
            expected += (double) a[k] * b[k];
        }
        assertEquals(expected, DenseOps.dot(a, 0, b, 0, 64), 1e-4);
        assertEquals(DenseOps.dot(a, 0, b, 0, 64), DenseOps.dot(b, 0, a, 0, 64));
    }
}
