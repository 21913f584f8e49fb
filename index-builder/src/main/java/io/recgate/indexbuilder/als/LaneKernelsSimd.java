package io.recgate.indexbuilder.als;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link LaneKernels}: the platform's preferred float species (at most 16 lanes, so that
 * it divides the row padding). Only element-wise {@code fma}, no lane reductions, so every element
 * is computed exactly as {@link LaneKernelsScalar} computes it. The only class of this package that
 * imports the incubator module; {@link AlsKernels} links it only when the module is present.
 */
final class LaneKernelsSimd implements LaneKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED.length() <= DenseOps.LANE_PAD
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_512;
    private static final int LANES = SPECIES.length();

    static final LaneKernelsSimd INSTANCE = new LaneKernelsSimd();

    private LaneKernelsSimd() {
    }

    static int lanes() {
        return LANES;
    }

    @Override
    public void gram4(float[] g, int stride, int dim, float[] y, int o0, int o1, int o2, int o3) {
        for (int a = 0; a < dim; a++) {
            FloatVector c0 = FloatVector.broadcast(SPECIES, y[o0 + a]);
            FloatVector c1 = FloatVector.broadcast(SPECIES, y[o1 + a]);
            FloatVector c2 = FloatVector.broadcast(SPECIES, y[o2 + a]);
            FloatVector c3 = FloatVector.broadcast(SPECIES, y[o3 + a]);
            int row = a * stride;
            int length = LaneKernels.triangleLength(a, stride);
            for (int j = 0; j < length; j += LANES) {
                FloatVector acc = FloatVector.fromArray(SPECIES, g, row + j);
                acc = c0.fma(FloatVector.fromArray(SPECIES, y, o0 + j), acc);
                acc = c1.fma(FloatVector.fromArray(SPECIES, y, o1 + j), acc);
                acc = c2.fma(FloatVector.fromArray(SPECIES, y, o2 + j), acc);
                acc = c3.fma(FloatVector.fromArray(SPECIES, y, o3 + j), acc);
                acc.intoArray(g, row + j);
            }
        }
    }

    @Override
    public void gram1(float[] g, int stride, int dim, float[] y, int o0) {
        for (int a = 0; a < dim; a++) {
            axpy(y[o0 + a], y, o0, g, a * stride, LaneKernels.triangleLength(a, stride));
        }
    }

    @Override
    public void axpy4(float[] acc, float[] y, int o0, int o1, int o2, int o3,
                      float c0, float c1, float c2, float c3, int length) {
        FloatVector v0 = FloatVector.broadcast(SPECIES, c0);
        FloatVector v1 = FloatVector.broadcast(SPECIES, c1);
        FloatVector v2 = FloatVector.broadcast(SPECIES, c2);
        FloatVector v3 = FloatVector.broadcast(SPECIES, c3);
        for (int j = 0; j < length; j += LANES) {
            FloatVector sum = FloatVector.fromArray(SPECIES, acc, j);
            sum = v0.fma(FloatVector.fromArray(SPECIES, y, o0 + j), sum);
            sum = v1.fma(FloatVector.fromArray(SPECIES, y, o1 + j), sum);
            sum = v2.fma(FloatVector.fromArray(SPECIES, y, o2 + j), sum);
            sum = v3.fma(FloatVector.fromArray(SPECIES, y, o3 + j), sum);
            sum.intoArray(acc, j);
        }
    }

    @Override
    public void axpy(float c, float[] x, int xOff, float[] acc, int accOff, int length) {
        FloatVector v = FloatVector.broadcast(SPECIES, c);
        for (int j = 0; j < length; j += LANES) {
            v.fma(FloatVector.fromArray(SPECIES, x, xOff + j), FloatVector.fromArray(SPECIES, acc, accOff + j))
                    .intoArray(acc, accOff + j);
        }
    }

    @Override
    public String name() {
        return "simd-" + SPECIES.vectorBitSize();
    }
}
