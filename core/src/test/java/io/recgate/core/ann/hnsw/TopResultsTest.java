package io.recgate.core.ann.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.ann.SearchResult;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopResultsTest {

    /** The reference: every offered pair sorted by score descending, then row ascending. */
    private static int[] expectedRows(float[] scores, int wanted) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // + 0f folds -0 into +0: equal scores, as float comparison has them.
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -(scores[i] + 0f)).thenComparingInt(i -> i));
        return Arrays.stream(order).limit(wanted).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void keepsTheBestPairsInRankingOrderWithTiesByLowerRow() {
        Random random = new Random(3);
        TopResults top = new TopResults();
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(300);
            int wanted = 1 + random.nextInt(40);
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                // Few distinct values, both signs, zeros of both signs: many ties.
                scores[i] = (random.nextInt(21) - 10) * 0.5f;
                if (scores[i] == 0 && random.nextBoolean()) {
                    scores[i] = -0.0f;
                }
            }
            top.reset(wanted);
            int[] offerOrder = random.ints(0, n).distinct().limit(n).toArray();
            for (int row : offerOrder) {
                top.offer(scores[row], row);
            }
            SearchResult result = top.drain();
            int[] expected = expectedRows(scores, wanted);
            int[] rows = new int[result.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = result.items()[i];
                assertEquals(scores[rows[i]], result.scores()[i], 0f, "scores come back as offered");
            }
            assertArrayEquals(expected, rows, "trial " + trial);
        }
    }

    @Test
    void kthBestIsMinusInfinityUntilFullThenTheWorstKeptScore() {
        TopResults top = new TopResults();
        top.reset(3);
        top.offer(-1.5f, 7);
        top.offer(2f, 1);
        assertEquals(Float.NEGATIVE_INFINITY, top.kthBest());
        assertTrue(top.admits(-1e30f));
        top.offer(0.25f, 4);
        assertEquals(-1.5f, top.kthBest());
        top.offer(1f, 9);
        assertEquals(0.25f, top.kthBest());
        assertTrue(top.admits(0.25f), "an equal score may still win on its row");
        assertTrue(!top.admits(0.2f));
    }

    @Test
    void keyOrderIsScoreThenLowerRowAcrossTheWholeFloatRange() {
        float[] values = {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1f, -Float.MIN_VALUE, 0f, Float.MIN_VALUE, 1f,
                Float.MAX_VALUE, Float.POSITIVE_INFINITY};
        for (int i = 0; i + 1 < values.length; i++) {
            assertTrue(TopResults.key(values[i], 0) < TopResults.key(values[i + 1], Integer.MAX_VALUE),
                    values[i] + " below " + values[i + 1]);
            assertEquals(values[i], TopResults.score(TopResults.key(values[i], 5)));
        }
        assertTrue(TopResults.key(1f, 3) > TopResults.key(1f, 4), "lower row ranks first");
        assertEquals(TopResults.key(0f, 2), TopResults.key(-0f, 2), "-0 and +0 are equal scores");
        assertEquals(Integer.MAX_VALUE, TopResults.row(TopResults.key(1f, Integer.MAX_VALUE)));
        assertEquals(0, TopResults.row(TopResults.key(1f, 0)));
    }
}
