package io.recgate.core.ann.hnsw;

import java.util.Arrays;

/**
 * Per-dimension 8-bit scalar quantization of one graph's item vectors, for graph traversal:
 * coordinate {@code d} of a vector is stored as the signed byte
 * {@code c = round((x_d − offset_d) / step_d)} clamped to [−127, 127], and read back as
 * {@code offset_d + step_d · c}. A vector then takes one cache line at 64 dimensions instead of four.
 *
 * <p>For a float query q the decoded inner product is
 * {@code ⟨q, x̂⟩ = Σ_d q_d·offset_d + Σ_d (q_d·step_d)·c_d}; the first sum is the same for every
 * item, so a search ranks items by the second alone: one dot product of the
 * {@linkplain #scaleQuery scaled query} with the codes. Traversal ranks by these approximate scores,
 * and results are scored again exactly from the float vectors, so quantization can change which
 * nodes a search visits but never a returned score.
 *
 * <p>Offsets and steps are fitted to the minimum and maximum of each coordinate over the graph's
 * items at build time and stored with the graph; items added later are clamped to that range.
 * Immutable and thread-safe.
 */
final class ScalarQuantizer {

    private static final int LEVELS = 127;

    private final float[] offset;
    private final float[] step;

    ScalarQuantizer(float[] offset, float[] step) {
        if (offset.length != step.length) {
            throw new IllegalArgumentException("offset has " + offset.length + " dims, step " + step.length);
        }
        for (int d = 0; d < step.length; d++) {
            if (!Float.isFinite(offset[d]) || !(step[d] > 0) || !Float.isFinite(step[d])) {
                throw new IllegalArgumentException("dimension " + d + ": offset " + offset[d] + " and step " + step[d]
                        + " must be finite, step > 0");
            }
        }
        this.offset = offset.clone();
        this.step = step.clone();
    }

    /**
     * Fits the quantizer to {@code count} rows of a row-major matrix.
     *
     * @param vectors row-major, {@code dims} columns, finite values
     * @param rows    the rows to fit (indexes into {@code vectors}); {@code count} of them are read
     */
    static ScalarQuantizer fit(float[] vectors, int dims, int[] rows, int count) {
        float[] min = new float[dims];
        float[] max = new float[dims];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < count; i++) {
            int base = rows[i] * dims;
            for (int d = 0; d < dims; d++) {
                float v = vectors[base + d];
                min[d] = Math.min(min[d], v);
                max[d] = Math.max(max[d], v);
            }
        }
        float[] offset = new float[dims];
        float[] step = new float[dims];
        for (int d = 0; d < dims; d++) {
            if (count == 0) {
                min[d] = 0;
                max[d] = 0;
            }
            offset[d] = (float) ((min[d] + (double) max[d]) / 2);
            double span = (double) max[d] - min[d];
            // A constant coordinate still needs a positive step; any one reads back exactly.
            step[d] = span > 0 ? (float) (span / (2 * LEVELS)) : 1f;
        }
        return new ScalarQuantizer(offset, step);
    }

    int dims() {
        return step.length;
    }

    /** Writes the codes of {@code vectors[off .. off+dims)} to {@code codes[codesOff ..]}. */
    void encode(float[] vectors, int off, byte[] codes, int codesOff) {
        for (int d = 0; d < step.length; d++) {
            long c = Math.round((vectors[off + d] - (double) offset[d]) / step[d]);
            codes[codesOff + d] = (byte) Math.max(-LEVELS, Math.min(LEVELS, c));
        }
    }

    /** {@code out[d] = q[qOff + d] · step_d}: the query side of the approximate inner product. */
    void scaleQuery(float[] q, int qOff, float[] out) {
        for (int d = 0; d < step.length; d++) {
            out[d] = q[qOff + d] * step[d];
        }
    }

    /** The decoded value of code {@code c} in dimension {@code d} (for tests and diagnostics). */
    float decode(int d, byte c) {
        return offset[d] + step[d] * c;
    }

    /** A copy of the per-dimension offsets (for saving). */
    float[] offsets() {
        return offset.clone();
    }

    /** A copy of the per-dimension steps (for saving). */
    float[] steps() {
        return step.clone();
    }
}
