package io.recgate.kernels;

/**
 * Plain-Java reference implementation. Every SIMD kernel is tested against it, and it is what
 * runs when the Vector API module is missing or disabled. Kept deliberately simple: one
 * accumulator, natural summation order, so its results are the easiest to reason about.
 */
public final class ScalarKernels implements Kernels {

    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    @Override
    public float dotBytes(float[] query, int queryOff, byte[] codes, int codesOff, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            // The byte widens to a float exactly (|code| <= 128), so each term is rounded once.
            sum += query[queryOff + i] * codes[codesOff + i];
        }
        return sum;
    }

    @Override
    public float squaredL2(float[] a, int aOff, float[] b, int bOff, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            float d = a[aOff + i] - b[bOff + i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public float cosine(float[] a, int aOff, float[] b, int bOff, int length) {
        float dot = 0f;
        float normA = 0f;
        float normB = 0f;
        for (int i = 0; i < length; i++) {
            float x = a[aOff + i];
            float y = b[bOff + i];
            dot += x * y;
            normA += x * x;
            normB += y * y;
        }
        return cosineOf(dot, normA, normB);
    }

    /** Shared by both implementations so zero-norm handling is identical. */
    static float cosineOf(float dot, float squaredNormA, float squaredNormB) {
        if (squaredNormA == 0f || squaredNormB == 0f) {
            return 0f;
        }
        return (float) (dot / Math.sqrt((double) squaredNormA * (double) squaredNormB));
    }

    @Override
    public void dotRows(float[] query, int queryOff, float[] matrix, int firstRow, int rows, int dims,
                        float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            out[outOff + r] = dot(query, queryOff, matrix, (firstRow + r) * dims, dims);
        }
    }

    @Override
    public void dotBlocks(float[] query, int queryOff, float[] blocks, int firstBlock, int blockCount, int dims,
                          float[] out, int outOff) {
        // Natural order d = 0..dims-1 per row, as in dot: each score has dot's exact bits.
        for (int b = 0; b < blockCount; b++) {
            int base = (firstBlock + b) * BLOCK_ROWS * dims;
            for (int j = 0; j < BLOCK_ROWS; j++) {
                float sum = 0f;
                for (int d = 0; d < dims; d++) {
                    sum += query[queryOff + d] * blocks[base + d * BLOCK_ROWS + j];
                }
                out[outOff + b * BLOCK_ROWS + j] = sum;
            }
        }
    }

    @Override
    public float fmPairwise(float[] factors, int k, int[] indices, float[] values, int count) {
        float total = 0f;
        for (int f = 0; f < k; f++) {
            float sum = 0f;
            float sumOfSquares = 0f;
            for (int j = 0; j < count; j++) {
                float t = values[j] * factors[indices[j] * k + f];
                sum += t;
                sumOfSquares += t * t;
            }
            total += sum * sum - sumOfSquares;
        }
        return 0.5f * total;
    }

    @Override
    public int countAtLeast(float[] values, int from, int length, float threshold) {
        int count = 0;
        for (int i = from; i < from + length; i++) {
            if (values[i] >= threshold) {
                count++;
            }
        }
        return count;
    }

    @Override
    public int indicesAtLeast(float[] values, int from, int length, float threshold, int[] out) {
        int count = 0;
        for (int i = 0; i < length; i++) {
            if (values[from + i] >= threshold) {
                out[count++] = i;
            }
        }
        return count;
    }
}
