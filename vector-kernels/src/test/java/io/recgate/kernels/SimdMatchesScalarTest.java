package io.recgate.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SIMD kernel against the scalar reference on seeded random data: every length 0..70, a
 * prime near 1021 and 4099, at random offsets. Makes no assumption about the vector width.
 * Skipped (with the reason) when the JVM runs without the Vector API module.
 */
class SimdMatchesScalarTest {

    private static final Kernels SCALAR = VectorKernels.scalar();
    private static Kernels simd;

    @BeforeAll
    static void requireSimd() {
        assumeTrue(VectorKernels.simd().isPresent(), "jdk.incubator.vector not in this JVM: scalar-only run");
        simd = VectorKernels.simd().orElseThrow();
    }

    static IntStream lengths() {
        return IntStream.concat(IntStream.rangeClosed(0, 70), IntStream.of(1019, 1021, 4099));
    }

    /** dotBytes runs at 32..256 dims: every length to 300 covers every tail on any vector width. */
    static IntStream byteLengths() {
        return IntStream.concat(IntStream.rangeClosed(0, 300), IntStream.of(1021, 4099));
    }

    /**
     * Float sums in a different order differ by rounding; the bound grows with the length and the
     * magnitude of the terms (Σ|a_i b_i|), which is the classic bound for reordered summation.
     */
    private static float tolerance(int length, float magnitude) {
        return 1e-6f * (length + 1) * Math.max(1f, magnitude);
    }

    /**
     * Scores with ties, signed zeros, infinities and NaN, and thresholds at and between them: the
     * counts and the selected positions must be the reference's exactly, and the SIMD selection
     * must not write past its count.
     */
    @ParameterizedTest(name = "length {0}")
    @MethodSource("lengths")
    void countAndIndicesAtLeastMatchScalarExactly(int length) {
        Random random = new Random(71L * length + 3);
        float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 0.5f, -0.5f};
        for (int trial = 0; trial < 5; trial++) {
            int from = random.nextInt(8);
            float[] values = new float[from + length + random.nextInt(4)];
            for (int i = 0; i < values.length; i++) {
                int pick = random.nextInt(10);
                // Quarter-steps in [-2, 2] repeat often, so thresholds fall on ties.
                values[i] = pick < special.length ? special[pick] : (random.nextInt(17) - 8) / 4f;
            }
            float[] thresholds = {Float.NEGATIVE_INFINITY, -1f, -0f, 0f, 0.25f, 0.3f, 1f, Float.POSITIVE_INFINITY,
                    Float.NaN, length > 0 ? values[from + random.nextInt(length)] : 1f};
            for (float threshold : thresholds) {
                assertEquals(SCALAR.countAtLeast(values, from, length, threshold),
                        simd.countAtLeast(values, from, length, threshold),
                        () -> "countAtLeast " + threshold + " from " + from);
                int[] expected = new int[length];
                int expectedCount = SCALAR.indicesAtLeast(values, from, length, threshold, expected);
                int[] actual = new int[length + 8];
                Arrays.fill(actual, -7);
                int actualCount = simd.indicesAtLeast(values, from, length, threshold, actual);
                assertEquals(expectedCount, actualCount, () -> "indicesAtLeast count " + threshold);
                assertArrayEquals(Arrays.copyOf(expected, expectedCount), Arrays.copyOf(actual, actualCount),
                        () -> "indicesAtLeast positions " + threshold);
                for (int i = actualCount; i < actual.length; i++) {
                    assertEquals(-7, actual[i], "indicesAtLeast wrote past its count at " + i);
                }
            }
        }
    }

    private static float[] randomArray(Random random, int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = random.nextFloat() * 2f - 1f;
        }
        return a;
    }

    @ParameterizedTest(name = "length {0}")
    @MethodSource("lengths")
    void dotMatchesScalar(int length) {
        Random random = new Random(31L * length + 1);
        for (int trial = 0; trial < 5; trial++) {
            int aOff = random.nextInt(8);
            int bOff = random.nextInt(8);
            float[] a = randomArray(random, aOff + length + random.nextInt(4));
            float[] b = randomArray(random, bOff + length + random.nextInt(4));
            float magnitude = absDot(a, aOff, b, bOff, length);
            assertEquals(SCALAR.dot(a, aOff, b, bOff, length), simd.dot(a, aOff, b, bOff, length),
                    tolerance(length, magnitude), () -> "dot at offsets " + aOff + "/" + bOff);
        }
    }

    @ParameterizedTest(name = "length {0}")
    @MethodSource("byteLengths")
    void dotBytesMatchesScalar(int length) {
        Random random = new Random(53L * length + 6);
        for (int trial = 0; trial < 5; trial++) {
            int queryOff = random.nextInt(8);
            int codesOff = random.nextInt(20);
            float[] query = randomArray(random, queryOff + length + random.nextInt(4));
            byte[] codes = new byte[codesOff + length + random.nextInt(4)];
            random.nextBytes(codes);
            float magnitude = absDotBytes(query, queryOff, codes, codesOff, length);
            assertEquals(SCALAR.dotBytes(query, queryOff, codes, codesOff, length),
                    simd.dotBytes(query, queryOff, codes, codesOff, length),
                    tolerance(length, magnitude), () -> "dotBytes at offsets " + queryOff + "/" + codesOff);
        }
    }

    @ParameterizedTest(name = "length {0}")
    @MethodSource("byteLengths")
    void dotBytesOfExtremeCodesIsExact(int length) {
        // Small integer queries keep every partial sum an exact float (|sum| < 2^24), so any
        // summation order gives the same bits: a wrong sign extension or a lost lane shows exactly.
        int queryOff = length % 5;
        int codesOff = length % 7;
        float[] query = new float[queryOff + length];
        byte[] codes = new byte[codesOff + length];
        long expected = 0;
        for (int i = 0; i < length; i++) {
            query[queryOff + i] = (i % 3) - 1 + (i % 2);
            codes[codesOff + i] = i % 2 == 0 ? Byte.MIN_VALUE : Byte.MAX_VALUE;
            expected += (long) query[queryOff + i] * codes[codesOff + i];
        }
        assertEquals(expected, SCALAR.dotBytes(query, queryOff, codes, codesOff, length));
        assertEquals(expected, simd.dotBytes(query, queryOff, codes, codesOff, length));
    }

    @Test
    void dotBytesPropagatesNaNAndInfinityLikeTheScalarReference() {
        for (int length : new int[] {3, 64, 67}) {
            float[] query = new float[length];
            byte[] codes = new byte[length];
            java.util.Arrays.fill(query, 1f);
            java.util.Arrays.fill(codes, (byte) -3);
            query[length - 2] = Float.POSITIVE_INFINITY;
            assertEquals(Float.NEGATIVE_INFINITY, simd.dotBytes(query, 0, codes, 0, length));
            codes[length - 2] = 0;
            assertEquals(Float.NaN, simd.dotBytes(query, 0, codes, 0, length), "inf * 0 is NaN");
            assertEquals(SCALAR.dotBytes(query, 0, codes, 0, length), simd.dotBytes(query, 0, codes, 0, length));
        }
    }

    @ParameterizedTest(name = "length {0}")
    @MethodSource("lengths")
    void squaredL2MatchesScalar(int length) {
        Random random = new Random(37L * length + 2);
        for (int trial = 0; trial < 5; trial++) {
            int aOff = random.nextInt(8);
            int bOff = random.nextInt(8);
            float[] a = randomArray(random, aOff + length);
            float[] b = randomArray(random, bOff + length);
            float expected = SCALAR.squaredL2(a, aOff, b, bOff, length);
            assertEquals(expected, simd.squaredL2(a, aOff, b, bOff, length), tolerance(length, expected));
        }
    }

    @ParameterizedTest(name = "length {0}")
    @MethodSource("lengths")
    void cosineMatchesScalar(int length) {
        Random random = new Random(41L * length + 3);
        for (int trial = 0; trial < 5; trial++) {
            int aOff = random.nextInt(8);
            int bOff = random.nextInt(8);
            float[] a = randomArray(random, aOff + length);
            float[] b = randomArray(random, bOff + length);
            assertEquals(SCALAR.cosine(a, aOff, b, bOff, length), simd.cosine(a, aOff, b, bOff, length),
                    tolerance(length, 1f));
        }
    }

    @ParameterizedTest(name = "dims {0}")
    @MethodSource("lengths")
    void dotRowsMatchesScalar(int dims) {
        Random random = new Random(43L * dims + 4);
        int rows = dims > 1000 ? 9 : 1 + random.nextInt(13);
        int firstRow = random.nextInt(3);
        int queryOff = random.nextInt(5);
        int outOff = random.nextInt(5);
        float[] query = randomArray(random, queryOff + dims);
        float[] matrix = randomArray(random, (firstRow + rows) * dims + random.nextInt(3));
        float[] expected = new float[outOff + rows];
        float[] actual = new float[outOff + rows];
        SCALAR.dotRows(query, queryOff, matrix, firstRow, rows, dims, expected, outOff);
        simd.dotRows(query, queryOff, matrix, firstRow, rows, dims, actual, outOff);
        for (int r = 0; r < rows; r++) {
            float magnitude = absDot(query, queryOff, matrix, (firstRow + r) * dims, dims);
            assertEquals(expected[outOff + r], actual[outOff + r], tolerance(dims, magnitude), "row " + r);
        }
    }

    static IntStream blockDims() {
        return IntStream.rangeClosed(1, 130);
    }

    @ParameterizedTest(name = "dims {0}")
    @MethodSource("blockDims")
    void dotBlocksMatchesScalarAndTheRowMajorDot(int dims) {
        Random random = new Random(59L * dims + 7);
        int rowsPerBlock = Kernels.BLOCK_ROWS;
        for (int blockCount = 0; blockCount <= 5; blockCount++) {
            int firstBlock = random.nextInt(3);
            int queryOff = random.nextInt(5);
            int outOff = random.nextInt(5);
            float[] query = randomArray(random, queryOff + dims + random.nextInt(3));
            int rows = (firstBlock + blockCount) * rowsPerBlock;
            float[] rowMajor = randomArray(random, rows * dims);
            float[] blocks = BlockFixtures.transpose(rowMajor, rows, dims, random.nextInt(3));
            float[] expected = new float[outOff + blockCount * rowsPerBlock + 2];
            float[] actual = new float[expected.length];
            java.util.Arrays.fill(actual, -7f);
            SCALAR.dotBlocks(query, queryOff, blocks, firstBlock, blockCount, dims, expected, outOff);
            simd.dotBlocks(query, queryOff, blocks, firstBlock, blockCount, dims, actual, outOff);
            for (int i = 0; i < actual.length; i++) {
                int r = i - outOff;
                if (r < 0 || r >= blockCount * rowsPerBlock) {
                    assertEquals(-7f, actual[i], "dims " + dims + ": out[" + i + "] outside the scores was written");
                    continue;
                }
                int row = firstBlock * rowsPerBlock + r;
                float magnitude = absDot(query, queryOff, rowMajor, row * dims, dims);
                float dot = SCALAR.dot(query, queryOff, rowMajor, row * dims, dims);
                int blockCountNow = blockCount;
                assertEquals(dot, expected[i], () -> "scalar dotBlocks is dot's order: dims " + dims + " row " + row);
                assertEquals(expected[i], actual[i], tolerance(dims, magnitude),
                        () -> "dims " + dims + " blocks " + firstBlock + "+" + blockCountNow + " row " + row);
                assertEquals(simd.dot(query, queryOff, rowMajor, row * dims, dims), actual[i],
                        tolerance(dims, magnitude), () -> "simd dot of row " + row + " at dims " + dims);
            }
        }
    }

    @Test
    void dotBlocksPropagatesNaNAndInfinityLikeTheScalarReference() {
        for (int dims : new int[] {3, 64, 67}) {
            float[] query = new float[dims];
            java.util.Arrays.fill(query, 1f);
            float[] blocks = new float[2 * Kernels.BLOCK_ROWS * dims];
            java.util.Arrays.fill(blocks, 2f);
            query[dims - 2] = Float.POSITIVE_INFINITY;
            blocks[Kernels.BLOCK_ROWS * dims + (dims - 2) * Kernels.BLOCK_ROWS + 5] = 0f;
            blocks[(dims - 1) * Kernels.BLOCK_ROWS + 3] = Float.NaN;
            float[] expected = new float[2 * Kernels.BLOCK_ROWS];
            float[] actual = new float[2 * Kernels.BLOCK_ROWS];
            SCALAR.dotBlocks(query, 0, blocks, 0, 2, dims, expected, 0);
            simd.dotBlocks(query, 0, blocks, 0, 2, dims, actual, 0);
            assertEquals(Float.NaN, actual[3], "NaN in row 3");
            assertEquals(Float.NaN, actual[Kernels.BLOCK_ROWS + 5], "inf * 0 in row 21");
            assertEquals(Float.POSITIVE_INFINITY, actual[0]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
        }
    }

    @ParameterizedTest(name = "k {0}")
    @MethodSource("lengths")
    void fmPairwiseMatchesScalar(int k) {
        if (k == 0) {
            return;
        }
        Random random = new Random(47L * k + 5);
        int features = 50;
        float[] factors = randomArray(random, features * k);
        for (int count : new int[] {0, 1, 2, 3, 17, 40}) {
            int[] indices = random.ints(count, 0, features).toArray();
            float[] values = randomArray(random, count);
            float expected = SCALAR.fmPairwise(factors, k, indices, values, count);
            float actual = simd.fmPairwise(factors, k, indices, values, count);
            assertEquals(expected, actual, tolerance(k * (count + 1), count * count), "count " + count);
        }
    }

    @Test
    void fmPairwiseEqualsTheQuadraticDefinition() {
        Random random = new Random(7);
        int k = 37;
        int features = 30;
        float[] factors = randomArray(random, features * k);
        int[] indices = {0, 3, 4, 9, 17, 29};
        float[] values = randomArray(random, indices.length);
        double expected = 0;
        for (int i = 0; i < indices.length; i++) {
            for (int j = i + 1; j < indices.length; j++) {
                double dot = 0;
                for (int f = 0; f < k; f++) {
                    dot += (double) factors[indices[i] * k + f] * factors[indices[j] * k + f];
                }
                expected += dot * values[i] * values[j];
            }
        }
        assertEquals(expected, SCALAR.fmPairwise(factors, k, indices, values, indices.length), 1e-4);
        assertEquals(expected, simd.fmPairwise(factors, k, indices, values, indices.length), 1e-4);
    }

    @Test
    void nanAndInfinityPropagateLikeTheScalarReference() {
        for (int length : new int[] {3, 64, 67}) {
            float[] a = new float[length];
            float[] b = new float[length];
            java.util.Arrays.fill(a, 1f);
            java.util.Arrays.fill(b, 1f);
            a[length - 2] = Float.NaN;
            assertEquals(Float.NaN, simd.dot(a, 0, b, 0, length));
            assertEquals(Float.NaN, simd.squaredL2(a, 0, b, 0, length));
            a[length - 2] = Float.POSITIVE_INFINITY;
            assertEquals(Float.POSITIVE_INFINITY, simd.dot(a, 0, b, 0, length));
            assertEquals(SCALAR.dot(a, 0, b, 0, length), simd.dot(a, 0, b, 0, length));
            b[length - 2] = 0f;
            assertEquals(Float.NaN, simd.dot(a, 0, b, 0, length), "inf * 0 is NaN");
            assertEquals(SCALAR.dot(a, 0, b, 0, length), simd.dot(a, 0, b, 0, length));
        }
    }

    private static float absDotBytes(float[] query, int queryOff, byte[] codes, int codesOff, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            sum += Math.abs(query[queryOff + i] * codes[codesOff + i]);
        }
        return sum;
    }

    private static float absDot(float[] a, int aOff, float[] b, int bOff, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            sum += Math.abs(a[aOff + i] * b[bOff + i]);
        }
        return sum;
    }
}
