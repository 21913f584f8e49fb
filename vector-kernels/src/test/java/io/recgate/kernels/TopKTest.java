package io.recgate.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopKTest {

    /** The specification, by full sort: score descending, lower index first on ties. */
    private static int[] bySort(float[] scores, int n, int k) {
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 10, 97, 1000})
    void agreesWithAFullSortOnDataWithTies(int n) {
        Random random = new Random(n);
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextInt(Math.max(2, n / 4)); // many ties
        }
        for (int k : new int[] {0, 1, n - 1, n, n + 5, Math.max(0, n / 3)}) {
            if (k < 0) {
                continue;
            }
            assertArrayEquals(bySort(scores, n, Math.min(k, n)), TopK.largest(scores, n, k), "k " + k);
        }
    }

    @Test
    void considersOnlyTheFirstNScores() {
        float[] scores = {1f, 5f, 3f, 100f};
        assertArrayEquals(new int[] {1, 2}, TopK.largest(scores, 3, 2));
    }

    @Test
    void nanRanksBelowNegativeInfinity() {
        float[] scores = {Float.NaN, Float.NEGATIVE_INFINITY, 2f, Float.NaN, 1f};
        assertArrayEquals(new int[] {2, 4, 1, 0, 3}, TopK.largest(scores, 5, 5));
        assertArrayEquals(new int[] {2, 4}, TopK.largest(scores, 5, 2));
    }

    @Test
    void emptyInputGivesEmptyResult() {
        assertEquals(0, TopK.largest(new float[0], 0, 10).length);
    }

    @Test
    void refusesNegativeKAndOutOfRangeN() {
        var e = assertThrows(IllegalArgumentException.class, () -> TopK.largest(new float[3], 3, -1));
        assertEquals("k -1 must be >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TopK.largest(new float[3], 4, 1));
        assertEquals("n 4 outside [0, 3]", e.getMessage());
    }
}
