package io.recgate.indexbuilder.fm;

import java.util.Arrays;

/**
 * The ranking FM's training examples: BPR triples in growing arrays (user, fold, positive and
 * negative item, their retrieval features, standardised in place by {@link #standardize}).
 */
final class BprTriples {
    private final int d;
    int size;
    int[] user = new int[1024];
    int[] fold = new int[1024];
    int[] positive = new int[1024];
    int[] negative = new int[1024];
    float[] positiveDense;
    float[] negativeDense;

    BprTriples(int d) {
        this.d = d;
        this.positiveDense = new float[1024 * d];
        this.negativeDense = new float[1024 * d];
    }

    int size() {
        return size;
    }

    void add(int u, int f, int pos, int neg, float[] posDense, float[] negDense) {
        if (size == user.length) {
            int n = size * 2;
            user = Arrays.copyOf(user, n);
            fold = Arrays.copyOf(fold, n);
            positive = Arrays.copyOf(positive, n);
            negative = Arrays.copyOf(negative, n);
            positiveDense = Arrays.copyOf(positiveDense, n * d);
            negativeDense = Arrays.copyOf(negativeDense, n * d);
        }
        user[size] = u;
        fold[size] = f;
        positive[size] = pos;
        negative[size] = neg;
        System.arraycopy(posDense, 0, positiveDense, size * d, d);
        System.arraycopy(negDense, 0, negativeDense, size * d, d);
        size++;
    }

    /**
     * Standardises the dense values in place over all examples; returns {mean, scale} per feature
     * (scale 1 for a constant feature).
     */
    float[][] standardize() {
        float[] mean = new float[d];
        float[] scale = new float[d];
        for (int e = 0; e < d; e++) {
            double sum = 0;
            double squares = 0;
            for (int t = 0; t < size; t++) {
                sum += positiveDense[t * d + e] + negativeDense[t * d + e];
            }
            double m = sum / (2.0 * size);
            for (int t = 0; t < size; t++) {
                double a = positiveDense[t * d + e] - m;
                double b = negativeDense[t * d + e] - m;
                squares += a * a + b * b;
            }
            double sd = Math.sqrt(squares / (2.0 * size));
            mean[e] = (float) m;
            scale[e] = sd > 1e-9 ? (float) sd : 1f;
            for (int t = 0; t < size; t++) {
                positiveDense[t * d + e] = (positiveDense[t * d + e] - mean[e]) / scale[e];
                negativeDense[t * d + e] = (negativeDense[t * d + e] - mean[e]) / scale[e];
            }
        }
        return new float[][] {mean, scale};
    }
}
