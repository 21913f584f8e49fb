package io.recgate.indexbuilder.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.ids.IdMap;
import io.recgate.indexbuilder.io.Interactions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitsTest {

    /** Rows whose value is their row number, so every row can be traced through a split. */
    private static Interactions synthetic(int users, int items, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] u = new int[rows];
        int[] i = new int[rows];
        float[] v = new float[rows];
        long[] t = new long[rows];
        for (int r = 0; r < rows; r++) {
            u[r] = random.nextInt(users);
            i[r] = random.nextInt(items);
            v[r] = r;
            t[r] = 1_000 + random.nextInt(50);
        }
        return new Interactions(ids("u", users), ids("i", items), u, i, v, t);
    }

    private static IdMap ids(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ids.add(prefix + k);
        }
        return IdMap.of(ids);
    }

    private static int[] rowsOf(Interactions x) {
        int[] rows = new int[x.size()];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = (int) x.value(r);
        }
        return rows;
    }

    /** Every input row on exactly one side, each side in input order. */
    private static void assertPartition(Interactions all, Split split) {
        int[] train = rowsOf(split.train());
        int[] test = rowsOf(split.test());
        assertTrue(isAscending(train) && isAscending(test), "sides keep input order");
        int[] both = new int[train.length + test.length];
        System.arraycopy(train, 0, both, 0, train.length);
        System.arraycopy(test, 0, both, train.length, test.length);
        Arrays.sort(both);
        for (int r = 0; r < all.size(); r++) {
            assertEquals(r, both[r], "row " + r + " on exactly one side");
        }
        assertEquals(all.size(), both.length);
        assertSame(all.users(), split.test().users());
        assertSame(all.items(), split.train().items());
    }

    private static boolean isAscending(int[] a) {
        for (int k = 1; k < a.length; k++) {
            if (a[k] <= a[k - 1]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void randomSplitHasExactSizeAndIsDeterministicPerSeed() {
        Interactions all = synthetic(30, 40, 1001, 1);
        Split a = Splits.random(all, 0.2, 42);
        assertEquals(200, a.test().size());
        assertEquals(801, a.train().size());
        assertPartition(all, a);
        assertArrayEquals(rowsOf(a.test()), rowsOf(Splits.random(all, 0.2, 42).test()));
        assertFalse(Arrays.equals(rowsOf(a.test()), rowsOf(Splits.random(all, 0.2, 43).test())));
    }

    @Test
    void timeSplitSendsTheLatestRowsToTestBreakingTiesByLaterRow() {
        Interactions all = synthetic(30, 40, 1000, 2);
        Split split = Splits.byTime(all, 0.25);
        assertEquals(250, split.test().size());
        assertPartition(all, split);
        long latestTrain = Arrays.stream(split.train().timestampColumn()).max().getAsLong();
        long earliestTest = Arrays.stream(split.test().timestampColumn()).min().getAsLong();
        assertTrue(latestTrain <= earliestTest, latestTrain + " > " + earliestTest);
        int lastTrainRowAtCut = -1;
        int firstTestRowAtCut = Integer.MAX_VALUE;
        for (int r = 0; r < split.train().size(); r++) {
            if (split.train().timestamp(r) == earliestTest) {
                lastTrainRowAtCut = Math.max(lastTrainRowAtCut, (int) split.train().value(r));
            }
        }
        for (int r = 0; r < split.test().size(); r++) {
            if (split.test().timestamp(r) == earliestTest) {
                firstTestRowAtCut = Math.min(firstTestRowAtCut, (int) split.test().value(r));
            }
        }
        assertTrue(lastTrainRowAtCut < firstTestRowAtCut, "ties at the cut: later rows go to test");
    }

    @Test
    void leaveLastNPicksEachUsersLatestAndKeepsLightUsersInTrain() {
        IdMap users = IdMap.of(List.of("a", "b", "c"));
        IdMap items = ids("i", 6);
        // a: 4 rows (latest: ts 9 row 3, ts 7 row 0 and ts 7 row 5 tie -> row 5 newer); b: 2 rows; c: 1 row.
        int[] u = {0, 0, 1, 0, 1, 0, 2};
        int[] i = {0, 1, 2, 3, 4, 5, 0};
        float[] v = {0, 1, 2, 3, 4, 5, 6};
        long[] t = {7, 1, 5, 9, 6, 7, 3};
        Interactions all = new Interactions(users, items, u, i, v, t);
        Split split = Splits.leaveLastN(all, 2);
        assertArrayEquals(new int[] {3, 5}, rowsOf(split.test()));
        assertArrayEquals(new int[] {0, 1, 2, 4, 6}, rowsOf(split.train()));
        assertPartition(all, split);

        Interactions big = synthetic(20, 50, 2000, 3);
        Split one = Splits.leaveLastN(big, 1);
        assertEquals(20, one.test().size());
        assertPartition(big, one);
        for (int r = 0; r < one.test().size(); r++) {
            int user = one.test().user(r);
            long ts = one.test().timestamp(r);
            int row = (int) one.test().value(r);
            for (int k = 0; k < one.train().size(); k++) {
                if (one.train().user(k) == user) {
                    long tk = one.train().timestamp(k);
                    assertTrue(tk < ts || (tk == ts && one.train().value(k) < row), "held-out row is the latest");
                }
            }
        }
    }

    @Test
    void givenTestSetIsMappedOntoTrainingIds() {
        Interactions train = new Interactions(IdMap.of(List.of("a", "b")), IdMap.of(List.of("x", "y")),
                new int[] {0, 1}, new int[] {0, 1}, new float[] {5, 4}, new long[] {1, 2});
        Interactions test = new Interactions(IdMap.of(List.of("b", "a", "zed")), IdMap.of(List.of("x", "q")),
                new int[] {0, 1, 2, 0}, new int[] {0, 0, 0, 1}, new float[] {1, 2, 3, 4}, new long[] {7, 8, 9, 10});
        Split split = Splits.withTestSet(train, test, UnknownTestRows.DROP);
        assertEquals(2, split.droppedTestRows());
        assertArrayEquals(new int[] {1, 0}, split.test().userColumn());
        assertArrayEquals(new int[] {0, 0}, split.test().itemColumn());
        assertArrayEquals(new float[] {1, 2}, split.test().valueColumn());
        assertArrayEquals(new long[] {7, 8}, split.test().timestampColumn());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.withTestSet(train, test, UnknownTestRows.FAIL));
        assertEquals("2 of 4 test rows name a user or item unknown to the data set"
                + " (first: user 'zed' in test row 3); drop them to go on", e.getMessage());
    }

    @Test
    void requireKnownDropsTestRowsOfItemsWithoutTrainingRows() {
        Interactions all = new Interactions(IdMap.of(List.of("a", "b")), IdMap.of(List.of("x", "y", "z")),
                new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 2}, new float[] {0, 1, 2, 3}, new long[] {1, 2, 3, 4});
        Split byTime = Splits.byTime(all, 0.25);
        assertArrayEquals(new int[] {3}, rowsOf(byTime.test()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splits.requireKnown(byTime, UnknownTestRows.FAIL));
        assertEquals("1 of 1 test rows name a user or item without training interactions"
                + " (first: item 'z' in test row 1); drop them to go on", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Splits.requireKnown(byTime, UnknownTestRows.DROP));
        assertEquals("no test row is left: all 1 name a user or item unknown to training", e.getMessage());
    }

    @Test
    void refusesBadSplitArguments() {
        Interactions all = synthetic(3, 3, 10, 4);
        assertEquals("test fraction 0.0 is not in (0, 1)",
                assertThrows(IllegalArgumentException.class, () -> Splits.random(all, 0, 1)).getMessage());
        assertEquals("test fraction NaN is not in (0, 1)",
                assertThrows(IllegalArgumentException.class, () -> Splits.byTime(all, Double.NaN)).getMessage());
        assertEquals("test fraction 0.01 of 10 interactions leaves the test set empty",
                assertThrows(IllegalArgumentException.class, () -> Splits.random(all, 0.01, 1)).getMessage());
        assertEquals("test fraction 0.99 of 10 interactions leaves the training set empty",
                assertThrows(IllegalArgumentException.class, () -> Splits.random(all, 0.99, 1)).getMessage());
        assertEquals("leave-last-n needs n >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Splits.leaveLastN(all, 0)).getMessage());
        assertEquals("no user has more than 10 interactions, so the test set would be empty",
                assertThrows(IllegalArgumentException.class, () -> Splits.leaveLastN(all, 10)).getMessage());
        Interactions untimed = new Interactions(IdMap.of(List.of("a")), IdMap.of(List.of("x", "y")),
                new int[] {0, 0}, new int[] {0, 1}, new float[] {1, 1}, new long[] {0, 0});
        assertEquals("the interactions have no timestamps (all are 0); use a random split",
                assertThrows(IllegalArgumentException.class, () -> Splits.leaveLastN(untimed, 1)).getMessage());
    }
}
