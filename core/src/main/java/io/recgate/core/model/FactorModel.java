package io.recgate.core.model;

import io.recgate.kernels.VectorKernels;
import java.util.Objects;

/**
 * A trained matrix-factorization model: user and item factor matrices (row-major, {@code dims}
 * columns) and, for explicit-feedback models, a global mean and per-user and per-item biases
 * (all zero for implicit models). The predicted score of user u for item i is
 * {@code globalBias + userBias[u] + itemBias[i] + ⟨p_u, q_i⟩}.
 *
 * <p>Arrays are owned by the model and must not be modified after construction; the model is
 * then safe to share between threads.
 */
public final class FactorModel {

    private final int dims;
    private final int userCount;
    private final int itemCount;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final float globalBias;
    private final float[] userBias;
    private final float[] itemBias;

    /**
     * @throws IllegalArgumentException when the array sizes do not agree with dims and counts
     */
    public FactorModel(int dims, float[] userFactors, float[] itemFactors, float globalBias,
                       float[] userBias, float[] itemBias) {
        Objects.requireNonNull(userFactors, "userFactors");
        Objects.requireNonNull(itemFactors, "itemFactors");
        Objects.requireNonNull(userBias, "userBias");
        Objects.requireNonNull(itemBias, "itemBias");
        if (dims <= 0) {
            throw new IllegalArgumentException("dims " + dims + " must be > 0");
        }
        if (userFactors.length % dims != 0 || itemFactors.length % dims != 0) {
            throw new IllegalArgumentException("factor lengths " + userFactors.length + " / " + itemFactors.length
                    + " are not multiples of dims " + dims);
        }
        this.dims = dims;
        this.userCount = userFactors.length / dims;
        this.itemCount = itemFactors.length / dims;
        if (userBias.length != userCount || itemBias.length != itemCount) {
            throw new IllegalArgumentException("bias lengths " + userBias.length + " / " + itemBias.length
                    + " != user/item counts " + userCount + " / " + itemCount);
        }
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.globalBias = globalBias;
        this.userBias = userBias;
        this.itemBias = itemBias;
    }

    /** A model without biases (implicit feedback, or factors imported from elsewhere). */
    public static FactorModel withoutBiases(int dims, float[] userFactors, float[] itemFactors) {
        return new FactorModel(dims, userFactors, itemFactors, 0f,
                new float[userFactors.length / dims], new float[itemFactors.length / dims]);
    }

    public int dims() {
        return dims;
    }

    public int userCount() {
        return userCount;
    }

    public int itemCount() {
        return itemCount;
    }

    /** Row-major user factors; do not modify. */
    public float[] userFactors() {
        return userFactors;
    }

    /** Row-major item factors; do not modify. */
    public float[] itemFactors() {
        return itemFactors;
    }

    public float globalBias() {
        return globalBias;
    }

    /** Per-user biases; do not modify. */
    public float[] userBias() {
        return userBias;
    }

    /** Per-item biases; do not modify. */
    public float[] itemBias() {
        return itemBias;
    }

    /** True when any bias is non-zero (an explicit-feedback model). */
    public boolean hasBiases() {
        if (globalBias != 0f) {
            return true;
        }
        for (float b : userBias) {
            if (b != 0f) {
                return true;
            }
        }
        for (float b : itemBias) {
            if (b != 0f) {
                return true;
            }
        }
        return false;
    }

    /** Predicted score of user {@code u} for item {@code i}. */
    public float predict(int u, int i) {
        return globalBias + userBias[u] + itemBias[i]
                + VectorKernels.dot(userFactors, u * dims, itemFactors, i * dims, dims);
    }
}
