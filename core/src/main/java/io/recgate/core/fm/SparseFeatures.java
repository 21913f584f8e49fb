package io.recgate.core.fm;

import java.util.Arrays;
import java.util.Objects;

/**
 * A sparse feature vector: parallel arrays of feature indices and values. Indices are distinct;
 * their order is not significant. The arrays are owned by this object and must not be modified.
 */
public record SparseFeatures(int[] indices, float[] values) {

    /** The empty vector. */
    public static final SparseFeatures EMPTY = new SparseFeatures(new int[0], new float[0]);

    /**
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public SparseFeatures {
        Objects.requireNonNull(indices, "indices");
        Objects.requireNonNull(values, "values");
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices length " + indices.length + " != values length "
                    + values.length);
        }
    }

    /** Number of non-zero entries. */
    public int size() {
        return indices.length;
    }

    /** The concatenation of two vectors with disjoint indices. */
    public SparseFeatures concat(SparseFeatures other) {
        int[] idx = Arrays.copyOf(indices, indices.length + other.indices.length);
        float[] val = Arrays.copyOf(values, values.length + other.values.length);
        System.arraycopy(other.indices, 0, idx, indices.length, other.indices.length);
        System.arraycopy(other.values, 0, val, values.length, other.values.length);
        return new SparseFeatures(idx, val);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseFeatures other && Arrays.equals(indices, other.indices)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SparseFeatures" + Arrays.toString(indices) + "=" + Arrays.toString(values);
    }
}
