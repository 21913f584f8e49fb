package io.recgate.indexbuilder.als;

/** The scalar {@link LaneKernels}: one {@link Math#fma} per element and step. */
final class LaneKernelsScalar implements LaneKernels {

    static final LaneKernelsScalar INSTANCE = new LaneKernelsScalar();

    private LaneKernelsScalar() {
    }

    @Override
    public void gram4(float[] g, int stride, int dim, float[] y, int o0, int o1, int o2, int o3) {
        for (int a = 0; a < dim; a++) {
            float c0 = y[o0 + a];
            float c1 = y[o1 + a];
            float c2 = y[o2 + a];
            float c3 = y[o3 + a];
            int row = a * stride;
            int length = LaneKernels.triangleLength(a, stride);
            for (int j = 0; j < length; j++) {
                float acc = Math.fma(c0, y[o0 + j], g[row + j]);
                acc = Math.fma(c1, y[o1 + j], acc);
                acc = Math.fma(c2, y[o2 + j], acc);
                g[row + j] = Math.fma(c3, y[o3 + j], acc);
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
        for (int j = 0; j < length; j++) {
            float sum = Math.fma(c0, y[o0 + j], acc[j]);
            sum = Math.fma(c1, y[o1 + j], sum);
            sum = Math.fma(c2, y[o2 + j], sum);
            acc[j] = Math.fma(c3, y[o3 + j], sum);
        }
    }

    @Override
    public void axpy(float c, float[] x, int xOff, float[] acc, int accOff, int length) {
        for (int j = 0; j < length; j++) {
            acc[accOff + j] = Math.fma(c, x[xOff + j], acc[accOff + j]);
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
