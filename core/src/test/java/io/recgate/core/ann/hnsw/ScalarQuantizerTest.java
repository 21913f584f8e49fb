package io.recgate.core.ann.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.kernels.VectorKernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScalarQuantizerTest {

    private static final int DIMS = 24;

    private static float[] randomMatrix(int rows, long seed) {
        Random random = new Random(seed);
        float[] m = new float[rows * DIMS];
        for (int i = 0; i < m.length; i++) {
            // Per-dimension spread and shift differ, as in trained factors.
            int d = i % DIMS;
            m[i] = (float) (random.nextGaussian() * (0.1 + d) + d - 5);
        }
        return m;
    }

    private static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    @Test
    void everyFittedCoordinateReadsBackWithinHalfAStep() {
        float[] m = randomMatrix(500, 1);
        ScalarQuantizer q = ScalarQuantizer.fit(m, DIMS, allRows(500), 500);
        byte[] codes = new byte[DIMS];
        for (int row = 0; row < 500; row++) {
            q.encode(m, row * DIMS, codes, 0);
            for (int d = 0; d < DIMS; d++) {
                float step = q.steps()[d];
                float error = Math.abs(q.decode(d, codes[d]) - m[row * DIMS + d]);
                assertTrue(error <= step / 2 * 1.001f, () -> "error " + error + " above half of step " + step);
            }
        }
    }

    @Test
    void theExtremesOfEachCoordinateUseTheWholeCodeRange() {
        float[] m = randomMatrix(300, 2);
        ScalarQuantizer q = ScalarQuantizer.fit(m, DIMS, allRows(300), 300);
        byte[] codes = new byte[DIMS];
        int[] min = new int[DIMS];
        int[] max = new int[DIMS];
        for (int row = 0; row < 300; row++) {
            q.encode(m, row * DIMS, codes, 0);
            for (int d = 0; d < DIMS; d++) {
                min[d] = Math.min(min[d], codes[d]);
                max[d] = Math.max(max[d], codes[d]);
            }
        }
        for (int d = 0; d < DIMS; d++) {
            assertEquals(-127, min[d]);
            assertEquals(127, max[d]);
        }
    }

    @Test
    void valuesOutsideTheFittedRangeAreClamped() {
        float[] m = randomMatrix(50, 3);
        ScalarQuantizer q = ScalarQuantizer.fit(m, DIMS, allRows(50), 50);
        float[] far = new float[DIMS];
        java.util.Arrays.fill(far, 1e6f);
        byte[] codes = new byte[DIMS];
        q.encode(far, 0, codes, 0);
        for (byte c : codes) {
            assertEquals(127, c);
        }
        java.util.Arrays.fill(far, -1e6f);
        q.encode(far, 0, codes, 0);
        for (byte c : codes) {
            assertEquals(-127, c);
        }
    }

    @Test
    void scaledQueryTimesCodesIsTheDecodedInnerProductLessAQueryConstant() {
        float[] m = randomMatrix(200, 4);
        ScalarQuantizer q = ScalarQuantizer.fit(m, DIMS, allRows(200), 200);
        float[] query = randomMatrix(1, 5);
        float[] scaled = new float[DIMS];
        q.scaleQuery(query, 0, scaled);
        double constant = 0;
        for (int d = 0; d < DIMS; d++) {
            constant += query[d] * (double) q.offsets()[d];
        }
        byte[] codes = new byte[DIMS];
        for (int row = 0; row < 200; row++) {
            q.encode(m, row * DIMS, codes, 0);
            double decoded = 0;
            for (int d = 0; d < DIMS; d++) {
                decoded += query[d] * (double) q.decode(d, codes[d]);
            }
            float approx = VectorKernels.dotBytes(scaled, 0, codes, 0, DIMS);
            assertEquals(decoded - constant, approx, 1e-3 * (Math.abs(decoded) + Math.abs(constant) + 1));
            // And the decoded product is close to the exact one: within Σ|q_d|·step_d/2.
            double exact = VectorKernels.dot(query, 0, m, row * DIMS, DIMS);
            double bound = 0;
            for (int d = 0; d < DIMS; d++) {
                bound += Math.abs(query[d]) * q.steps()[d] / 2;
            }
            assertTrue(Math.abs(exact - decoded) <= bound * 1.001 + 1e-3, "row " + row);
        }
    }

    @Test
    void aConstantCoordinateGetsAPositiveStepAndReadsBackExactly() {
        float[] m = new float[10 * DIMS];
        java.util.Arrays.fill(m, 2.5f);
        ScalarQuantizer q = ScalarQuantizer.fit(m, DIMS, allRows(10), 10);
        byte[] codes = new byte[DIMS];
        q.encode(m, 0, codes, 0);
        for (int d = 0; d < DIMS; d++) {
            assertTrue(q.steps()[d] > 0);
            assertEquals(2.5f, q.decode(d, codes[d]));
        }
    }

    @Test
    void rejectsNonPositiveOrNonFiniteSteps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScalarQuantizer(new float[] {0f, 0f}, new float[] {1f, 0f}));
        assertEquals("dimension 1: offset 0.0 and step 0.0 must be finite, step > 0", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ScalarQuantizer(new float[] {Float.NaN}, new float[] {1f}));
        assertThrows(IllegalArgumentException.class,
                () -> new ScalarQuantizer(new float[] {0f}, new float[] {1f, 1f}));
    }
}
