package io.recgate.core.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExactIndexTest {

    private static final int DIMS = 8;

    private static int[] naiveTop(float[] items, float[] query, int k, java.util.function.IntPredicate accept) {
        int n = items.length / DIMS;
        return IntStream.range(0, n)
                .filter(i -> accept == null || accept.test(i))
                .boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -dot(items, i, query)).thenComparingInt(i -> i))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static double dot(float[] items, int row, float[] query) {
        double s = 0;
        for (int d = 0; d < DIMS; d++) {
            s += (double) items[row * DIMS + d] * query[d];
        }
        return s;
    }

    @Test
    void returnsTheLargestInnerProductsBestFirst() {
        TasteData data = new TasteData(DIMS, 4, 1);
        float[] items = data.items(500);
        float[] query = TasteData.row(data.users(1), 0, DIMS);
        ExactIndex index = new ExactIndex(items, DIMS);

        SearchResult result = index.search(query, 10, 1, null);

        assertArrayEquals(naiveTop(items, query, 10, null), result.items());
        for (int i = 0; i < result.size(); i++) {
            assertEquals(dot(items, result.items()[i], query), result.scores()[i], 1e-4);
        }
    }

    @Test
    void returnsOnlyAcceptedItemsAndAllOfThemWhenFewerThanK() {
        TasteData data = new TasteData(DIMS, 4, 2);
        float[] items = data.items(300);
        float[] query = TasteData.row(data.users(1), 0, DIMS);
        ExactIndex index = new ExactIndex(items, DIMS);

        SearchResult odd = index.search(query, 20, 1, i -> i % 2 == 1);
        assertArrayEquals(naiveTop(items, query, 20, i -> i % 2 == 1), odd.items());

        SearchResult three = index.search(query, 20, 1, i -> i == 7 || i == 100 || i == 299);
        assertEquals(3, three.size());
        assertArrayEquals(naiveTop(items, query, 20, i -> i == 7 || i == 100 || i == 299), three.items());
    }

    @Test
    void breaksTiesByLowerItemIndex() {
        float[] items = new float[DIMS * 4];
        Arrays.fill(items, 1f);
        float[] query = new float[DIMS];
        query[0] = 1f;

        assertArrayEquals(new int[] {0, 1, 2}, new ExactIndex(items, DIMS).search(query, 3, 1, null).items());
        assertArrayEquals(new int[] {1, 3}, new ExactIndex(items, DIMS).search(query, 3, 1, i -> i % 2 == 1).items());
    }

    @Test
    void handlesKZeroAndKLargerThanTheIndex() {
        float[] items = new TasteData(DIMS, 4, 3).items(5);
        ExactIndex index = new ExactIndex(items, DIMS);
        float[] query = TasteData.row(items, 0, DIMS);

        assertEquals(0, index.search(query, 0, 1, null).size());
        assertEquals(5, index.search(query, 50, 1, null).size());
        assertEquals(0, new ExactIndex(new float[0], DIMS).search(query, 5, 1, null).size());
    }

    @Test
    void rejectsBadArgumentsWithTheirValues() {
        ExactIndex index = new ExactIndex(new float[DIMS * 2], DIMS);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> index.search(new float[3], 1, 1, null))
                .getMessage().contains("query has 3 dims, index has 8"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> index.search(new float[DIMS], -1, 1, null))
                .getMessage().contains("k -1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> index.search(new float[DIMS], 1, 0, null))
                .getMessage().contains("ef 0"));
        float[] nan = new float[DIMS];
        nan[2] = Float.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> index.search(nan, 1, 1, null))
                .getMessage().contains("query[2] = NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ExactIndex(new float[10], DIMS))
                .getMessage().contains("items length 10 is not a multiple of dims 8"));
        float[] inf = new float[DIMS * 2];
        inf[9] = Float.POSITIVE_INFINITY;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ExactIndex(inf, DIMS))
                .getMessage().contains("item 1 dim 1 = Infinity"));
    }

    @Test
    void searchResultRefusesArraysOfDifferentLengths() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SearchResult(new int[2], new float[3]))
                .getMessage().contains("items length 2 != scores length 3"));
    }
}
