package io.recgate.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The facade, whichever implementation it picked: identities, argument checks, special values.
 * The build runs this suite three times: with SIMD, without the vector module, and with SIMD
 * disabled by the system property.
 */
class VectorKernelsTest {

    @Test
    void picksTheImplementationTheBuildAskedFor() {
        boolean expectScalar = Boolean.getBoolean("recgate.test.expectScalar");
        assertEquals(expectScalar, VectorKernels.implementation() == VectorKernels.scalar(),
                VectorKernels.description());
        assertTrue(VectorKernels.description().startsWith("Vector kernels: " + VectorKernels.implementation().name()),
                VectorKernels.description());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 16, 33, 64, 100, 1021})
    void dotOfAVectorWithItselfIsItsSquaredNorm(int length) {
        float[] v = random(length, length);
        float norm = VectorKernels.norm(v);
        assertEquals(norm * norm, VectorKernels.dot(v, v), 1e-5f * (length + 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 16, 33, 64, 100, 1021})
    void distanceOfAVectorToItselfIsZero(int length) {
        float[] v = random(length, length + 1);
        assertEquals(0f, VectorKernels.squaredL2(v, v));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 33, 64, 1021})
    void cosineOfAVectorWithItselfIsOneAndWithItsNegationMinusOne(int length) {
        float[] v = random(length, length + 2);
        float[] negated = v.clone();
        for (int i = 0; i < negated.length; i++) {
            negated[i] = -negated[i];
        }
        assertEquals(1f, VectorKernels.cosine(v, v), 1e-5f);
        assertEquals(-1f, VectorKernels.cosine(v, negated), 1e-5f);
    }

    @Test
    void cosineWithAZeroVectorIsZero() {
        assertEquals(0f, VectorKernels.cosine(new float[64], random(64, 3)));
    }

    @Test
    void squaredL2MatchesDotIdentity() {
        float[] a = random(129, 4);
        float[] b = random(129, 5);
        float expected = VectorKernels.dot(a, a) - 2 * VectorKernels.dot(a, b) + VectorKernels.dot(b, b);
        assertEquals(expected, VectorKernels.squaredL2(a, b), 1e-3f);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 16, 33, 64, 100, 128, 1021})
    void dotBytesEqualsTheFloatDotOfTheSignedCodes(int length) {
        float[] query = random(length + 3, length + 9);
        byte[] codes = new byte[length + 5];
        new Random(length).nextBytes(codes);
        float[] widened = new float[length];
        float magnitude = 0f;
        for (int i = 0; i < length; i++) {
            widened[i] = codes[5 + i];
            magnitude += Math.abs(query[3 + i] * widened[i]);
        }
        assertEquals(VectorKernels.dot(query, 3, widened, 0, length),
                VectorKernels.dotBytes(query, 3, codes, 5, length), 1e-6f * (length + 1) * Math.max(1f, magnitude));
    }

    @Test
    void dotBytesReadsCodesAsSignedBytes() {
        float[] query = {1f, 2f, 3f, 4f};
        byte[] codes = {(byte) 0x80, (byte) 0xFF, 0x7F, 0};
        assertEquals(-128f - 2f + 381f, VectorKernels.dotBytes(query, 0, codes, 0, 4));
    }

    @Test
    void dotBytesRefusesSlicesOutsideTheArraysWithTheValues() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotBytes(new float[64], 1, new byte[64], 0, 64));
        assertEquals("query: offset 1 + length 64 outside array of length 64", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotBytes(new float[64], 0, new byte[100], 40, 64));
        assertEquals("codes: offset 40 + length 64 outside array of length 100", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotBytes(new float[8], 0, new byte[8], -1, 4));
        assertEquals("codes: offset -1 + length 4 outside array of length 8", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotBytes(new float[8], 0, new byte[8], 0, -1));
        assertEquals("query: offset 0 + length -1 outside array of length 8", e.getMessage());
        var npe = assertThrows(NullPointerException.class,
                () -> VectorKernels.dotBytes(new float[8], 0, null, 0, 4));
        assertEquals("codes", npe.getMessage());
    }

    @Test
    void dotRowsScoresEveryRow() {
        int dims = 19;
        int rows = 23;
        float[] query = random(dims, 6);
        float[] matrix = random(dims * rows, 7);
        float[] out = new float[rows];
        VectorKernels.dotRows(query, matrix, out);
        for (int r = 0; r < rows; r++) {
            assertEquals(VectorKernels.dot(query, 0, matrix, r * dims, dims), out[r], 1e-5f);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 19, 64, 100, 129})
    void dotBlocksScoresEveryRowOfAPaddedBlockTransposedMatrixLikeDot(int dims) {
        int rows = 39;
        float[] query = random(dims + 2, dims);
        float[] matrix = random(rows * dims, dims + 1);
        float[] blocks = BlockFixtures.transpose(matrix, rows, dims, 0);
        int blockCount = blocks.length / (Kernels.BLOCK_ROWS * dims);
        assertEquals(3, blockCount);
        float[] out = new float[1 + blockCount * Kernels.BLOCK_ROWS];
        VectorKernels.dotBlocks(query, 2, blocks, 0, blockCount, dims, out, 1);
        for (int r = 0; r < rows; r++) {
            float magnitude = 0f;
            for (int d = 0; d < dims; d++) {
                magnitude += Math.abs(query[2 + d] * matrix[r * dims + d]);
            }
            assertEquals(VectorKernels.dot(query, 2, matrix, r * dims, dims), out[1 + r],
                    1e-6f * (dims + 1) * Math.max(1f, magnitude), "row " + r);
        }
        float[] tail = new float[Kernels.BLOCK_ROWS];
        VectorKernels.dotBlocks(query, 2, blocks, 2, 1, dims, tail, 0);
        assertEquals(out[1 + 2 * Kernels.BLOCK_ROWS], tail[0], "block 2 alone scores as in the whole scan");
    }

    @Test
    void countAndIndicesAtLeastSelectTheScoresReachingAThreshold() {
        float[] values = {9f, 1f, 3f, Float.NaN, 3f, -2f, 7f, 0f, 5f};
        assertEquals(5, VectorKernels.countAtLeast(values, 0, values.length, 3f));
        assertEquals(3, VectorKernels.countAtLeast(values, 4, 5, 3f));
        assertEquals(0, VectorKernels.countAtLeast(values, 0, values.length, Float.NaN));
        assertEquals(8, VectorKernels.countAtLeast(values, 0, values.length, Float.NEGATIVE_INFINITY));
        int[] out = new int[5];
        assertEquals(3, VectorKernels.indicesAtLeast(values, 4, 5, 3f, out));
        assertEquals(0, out[0]);
        assertEquals(2, out[1]);
        assertEquals(4, out[2]);
    }

    @Test
    void countAndIndicesAtLeastRefuseSlicesOutsideTheirArrays() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.countAtLeast(new float[4], 2, 3, 0f));
        assertEquals("values: offset 2 + length 3 outside array of length 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.indicesAtLeast(new float[4], 0, 4, 0f, new int[3]));
        assertEquals("out: offset 0 + length 4 outside array of length 3", e.getMessage());
        assertThrows(NullPointerException.class, () -> VectorKernels.indicesAtLeast(new float[4], 0, 4, 0f, null));
    }

    @Test
    void dotBlocksRefusesBadShapesWithTheValues() {
        int dims = 4;
        float[] blocks = new float[2 * Kernels.BLOCK_ROWS * dims];
        var e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotBlocks(new float[4], 0, blocks, 0, 1, 0, new float[16], 0));
        assertEquals("dims 0 must be > 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotBlocks(new float[4], 0, blocks, 1, 2, dims, new float[32], 0));
        assertEquals("blocks 1..3 x 16 rows x dims 4 need 192 floats but blocks length is 128", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotBlocks(new float[4], 0, blocks, -1, 1, dims, new float[16], 0));
        assertEquals("firstBlock -1 and blockCount 1 must be >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotBlocks(new float[4], 0, blocks, 0, -1, dims, new float[16], 0));
        assertEquals("firstBlock 0 and blockCount -1 must be >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotBlocks(new float[4], 0, blocks, 0, 2, dims, new float[33], 2));
        assertEquals("out: offset 2 + length 32 outside array of length 33", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotBlocks(new float[4], 1, blocks, 0, 1, dims, new float[16], 0));
        assertEquals("query: offset 1 + length 4 outside array of length 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotBlocks(new float[4], 0, new float[1 << 20], Integer.MAX_VALUE, 1, dims,
                        new float[16], 0));
        assertEquals("blocks 2147483647..2147483648 x 16 rows x dims 4 need 137438953472 floats"
                + " but blocks length is 1048576", e.getMessage());
        var npe = assertThrows(NullPointerException.class,
                () -> VectorKernels.dotBlocks(new float[4], 0, null, 0, 1, dims, new float[16], 0));
        assertEquals("blocks", npe.getMessage());
        float[] out = {5f};
        VectorKernels.dotBlocks(new float[4], 0, blocks, 2, 0, dims, out, 1);
        assertEquals(5f, out[0], "zero blocks at the end write nothing");
    }

    @Test
    void nanPropagatesAndInfinityTimesZeroIsNaN() {
        float[] a = {1f, Float.NaN, 2f};
        float[] b = {1f, 1f, 1f};
        assertTrue(Float.isNaN(VectorKernels.dot(a, b)));
        assertTrue(Float.isNaN(VectorKernels.squaredL2(a, b)));
        float[] inf = {Float.POSITIVE_INFINITY, 1f};
        assertEquals(Float.POSITIVE_INFINITY, VectorKernels.dot(inf, new float[] {1f, 1f}));
        assertTrue(Float.isNaN(VectorKernels.dot(inf, new float[] {0f, 1f})));
    }

    @Test
    void mismatchedLengthsAreRefusedWithBothLengths() {
        var e = assertThrows(IllegalArgumentException.class, () -> VectorKernels.dot(new float[3], new float[4]));
        assertEquals("lengths differ: a.length 3 != b.length 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VectorKernels.squaredL2(new float[3], new float[4]));
        assertThrows(IllegalArgumentException.class, () -> VectorKernels.cosine(new float[3], new float[4]));
    }

    @Test
    void badOffsetsAreRefusedWithTheValues() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dot(new float[10], 8, new float[10], 0, 4));
        assertEquals("a: offset 8 + length 4 outside array of length 10", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dot(new float[10], 0, new float[10], -1, 4));
        assertEquals("b: offset -1 + length 4 outside array of length 10", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.norm(new float[10], 3, -2));
        assertEquals("a: offset 3 + length -2 outside array of length 10", e.getMessage());
    }

    @Test
    void dotRowsRefusesAMatrixThatDoesNotFit() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotRows(new float[4], new float[10], new float[3]));
        assertEquals("matrix length 10 is not a multiple of dims 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotRows(new float[4], 0, new float[12], 1, 3, 4, new float[3], 0));
        assertEquals("rows 1..4 x dims 4 need 16 floats but matrix length is 12", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.dotRows(new float[4], new float[12], new float[2]));
        assertEquals("out: offset 0 + length 3 outside array of length 2", e.getMessage());
    }

    @Test
    void fmPairwiseRefusesBadIndicesAndShapes() {
        float[] factors = new float[4 * 8];
        var e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.fmPairwise(factors, 8, new int[] {0, 4}, new float[2], 2));
        assertEquals("indices[1] = 4 outside [0, 4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.fmPairwise(factors, 7, new int[] {0}, new float[1], 1));
        assertEquals("factors length 32 is not a multiple of k 7", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> VectorKernels.fmPairwise(factors, 8, new int[] {0}, new float[1], 2));
        assertEquals("count 2 outside indices length 1 / values length 1", e.getMessage());
    }

    @Test
    void fmPairwiseOfTwoFeaturesIsTheirWeightedDot() {
        int k = 40;
        float[] factors = random(3 * k, 8);
        float expected = 0.5f * -1.5f * VectorKernels.dot(factors, 0, factors, 2 * k, k);
        float actual = VectorKernels.fmPairwise(factors, k, new int[] {0, 2}, new float[] {0.5f, -1.5f}, 2);
        assertEquals(expected, actual, 1e-4f);
        assertEquals(0f, VectorKernels.fmPairwise(factors, k, new int[] {1}, new float[] {3f}, 1), 1e-5f);
    }

    private static float[] random(int length, long seed) {
        Random random = new Random(seed);
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = random.nextFloat() * 2f - 1f;
        }
        return a;
    }
}
