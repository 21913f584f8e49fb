package io.recgate.core.ann.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalityOrderTest {

    private static final int DIMS = 16;

    private static double distance(float[] items, int a, int b) {
        double sum = 0;
        for (int d = 0; d < DIMS; d++) {
            double diff = items[a * DIMS + d] - items[b * DIMS + d];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    private static double meanStep(float[] items, int[] order) {
        double sum = 0;
        for (int i = 1; i < order.length; i++) {
            sum += distance(items, order[i - 1], order[i]);
        }
        return sum / (order.length - 1);
    }

    @Test
    void permutesTheRowsDeterministicallyAndPutsNeighboursInSpaceNextToEachOther() {
        Random random = new Random(5);
        int n = 3000;
        // Rank-3 structure plus a little noise, as trained factors have a few strong directions.
        float[][] basis = new float[3][DIMS];
        for (float[] b : basis) {
            for (int d = 0; d < DIMS; d++) {
                b[d] = (float) random.nextGaussian();
            }
        }
        float[] items = new float[n * DIMS];
        for (int row = 0; row < n; row++) {
            double[] z = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            for (int d = 0; d < DIMS; d++) {
                items[row * DIMS + d] = (float) (z[0] * basis[0][d] + z[1] * basis[1][d] + z[2] * basis[2][d]
                        + 0.05 * random.nextGaussian());
            }
        }
        int[] rows = new int[n / 2];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 2 * i + 1; // a subset of the rows, as a norm range is
        }
        int[] ordered = rows.clone();
        LocalityOrder.sort(items, DIMS, ordered, 42L);
        int[] sorted = ordered.clone();
        Arrays.sort(sorted);
        assertArrayEquals(rows, sorted, "a permutation of the given rows");

        int[] again = rows.clone();
        LocalityOrder.sort(items, DIMS, again, 42L);
        assertArrayEquals(ordered, again, "the same seed gives the same order");

        double local = meanStep(items, ordered);
        double given = meanStep(items, rows);
        assertTrue(local < 0.5 * given, "successive rows are closer: " + local + " vs " + given);
    }

    @Test
    void handlesTinyAndDegenerateInputs() {
        float[] same = new float[100 * DIMS];
        Arrays.fill(same, 1f);
        int[] rows = new int[100];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        LocalityOrder.sort(same, DIMS, rows, 1L);
        int[] sorted = rows.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertTrue(sorted[i] == i, "identical rows: still a permutation");
        }
        int[] one = {7};
        LocalityOrder.sort(same, DIMS, one, 1L);
        assertArrayEquals(new int[] {7}, one);
        LocalityOrder.sort(same, DIMS, new int[0], 1L);
    }
}
