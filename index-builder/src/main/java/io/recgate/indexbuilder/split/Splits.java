package io.recgate.indexbuilder.split;

import io.recgate.core.ids.IdMap;
import io.recgate.indexbuilder.io.Interactions;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Ways to hold out test interactions. Every split keeps the rows of each side in their original
 * order, assigns every input row to exactly one side, and refuses to produce an empty side.
 * Stateless and thread-safe.
 */
public final class Splits {

    private Splits() {
    }

    /**
     * A given test set (a MovieLens {@code u1.test}, a CSV test file) mapped onto the training ids.
     *
     * @param train  training interactions; their id maps become the split's
     * @param test   test interactions with their own id maps (as {@code DatasetReaders.readTest} gives)
     * @param policy what to do with test rows whose user or item is unknown to the data set (absent
     *               from train's id maps, which also hold catalogue entities without interactions:
     *               those are cold starts the models can score, and stay in the test set)
     * @throws IllegalArgumentException with {@link UnknownTestRows#FAIL} when such rows exist (naming
     *                                  how many and the first one), or when no test row is left
     */
    public static Split withTestSet(Interactions train, Interactions test, UnknownTestRows policy) {
        return mapTest(train, test, policy, false);
    }

    private static Split mapTest(Interactions train, Interactions test, UnknownTestRows policy,
                                 boolean requireTrainingRow) {
        Objects.requireNonNull(policy, "policy");
        int[] userMap = remap(test.users(), train.users(),
                requireTrainingRow ? seen(train.userColumn(), train.users().size()) : null);
        int[] itemMap = remap(test.items(), train.items(),
                requireTrainingRow ? seen(train.itemColumn(), train.items().size()) : null);
        int n = test.size();
        int[] u = new int[n];
        int[] i = new int[n];
        float[] v = new float[n];
        long[] t = new long[n];
        int kept = 0;
        int unknown = 0;
        String example = null;
        for (int r = 0; r < n; r++) {
            int mu = userMap[test.user(r)];
            int mi = itemMap[test.item(r)];
            if (mu < 0 || mi < 0) {
                if (unknown++ == 0) {
                    example = (mu < 0 ? "user '" + test.users().id(test.user(r)) : "item '" + test.items().id(test.item(r)))
                            + "' in test row " + (r + 1);
                }
                continue;
            }
            u[kept] = mu;
            i[kept] = mi;
            v[kept] = test.value(r);
            t[kept] = test.timestamp(r);
            kept++;
        }
        if (unknown > 0 && policy == UnknownTestRows.FAIL) {
            throw new IllegalArgumentException(unknown + " of " + n + " test rows name a user or item "
                    + (requireTrainingRow ? "without training interactions" : "unknown to the data set")
                    + " (first: " + example + "); drop them to go on");
        }
        if (kept == 0) {
            throw new IllegalArgumentException("no test row is left: all " + n + " name a user or item unknown to training");
        }
        Interactions mapped = new Interactions(train.users(), train.items(), Arrays.copyOf(u, kept),
                Arrays.copyOf(i, kept), Arrays.copyOf(v, kept), Arrays.copyOf(t, kept));
        return new Split(train, mapped, unknown);
    }

    /**
     * Applies {@code policy} to an existing split: test rows whose user or item has no training row
     * (possible after a random or time split) are refused or dropped.
     */
    public static Split requireKnown(Split split, UnknownTestRows policy) {
        Split checked = mapTest(split.train(), split.test(), policy, true);
        return new Split(checked.train(), checked.test(), checked.droppedTestRows() + split.droppedTestRows());
    }

    /**
     * A seeded random hold-out of {@code round(size * testFraction)} rows; the same data, fraction
     * and seed always give the same split.
     *
     * @param testFraction in (0, 1)
     * @throws IllegalArgumentException for a fraction outside (0, 1) or one that leaves a side empty
     */
    public static Split random(Interactions all, double testFraction, long seed) {
        int testSize = testSize(all, testFraction);
        int n = all.size();
        int[] order = new int[n];
        for (int r = 0; r < n; r++) {
            order[r] = r;
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] inTest = new boolean[n];
        // Partial Fisher-Yates: only the first testSize positions need to be drawn.
        for (int k = 0; k < testSize; k++) {
            int j = k + random.nextInt(n - k);
            int tmp = order[k];
            order[k] = order[j];
            order[j] = tmp;
            inTest[order[k]] = true;
        }
        return partition(all, inTest, testSize);
    }

    /**
     * The latest {@code round(size * testFraction)} interactions by timestamp go to test; among
     * equal timestamps at the cut, the rows later in the input go to test.
     *
     * @throws IllegalArgumentException for a bad fraction, or when the data has no timestamps (all 0)
     */
    public static Split byTime(Interactions all, double testFraction) {
        int testSize = testSize(all, testFraction);
        requireTimestamps(all);
        long[] sorted = all.timestampColumn().clone();
        Arrays.sort(sorted);
        int n = all.size();
        long cut = sorted[n - testSize];
        int above = n - upperBound(sorted, cut);
        int tiesToTake = testSize - above;
        boolean[] inTest = new boolean[n];
        for (int r = n - 1; r >= 0; r--) {
            long ts = all.timestamp(r);
            if (ts > cut) {
                inTest[r] = true;
            } else if (ts == cut && tiesToTake > 0) {
                inTest[r] = true;
                tiesToTake--;
            }
        }
        return partition(all, inTest, testSize);
    }

    /**
     * Each user's {@code n} most recent interactions (by timestamp; on ties, the later rows) go to
     * test; users with {@code n} or fewer interactions stay entirely in training.
     *
     * @throws IllegalArgumentException when {@code n < 1}, the data has no timestamps, or no user has
     *                                  more than {@code n} interactions
     */
    public static Split leaveLastN(Interactions all, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("leave-last-n needs n >= 1, got " + n);
        }
        requireTimestamps(all);
        int users = all.users().size();
        int size = all.size();
        int[] start = new int[users + 1];
        for (int r = 0; r < size; r++) {
            start[all.user(r) + 1]++;
        }
        for (int u = 0; u < users; u++) {
            start[u + 1] += start[u];
        }
        int[] byUser = new int[size];
        int[] fill = Arrays.copyOf(start, users);
        for (int r = 0; r < size; r++) {
            byUser[fill[all.user(r)]++] = r;
        }
        boolean[] inTest = new boolean[size];
        int[] latest = new int[n];
        int testSize = 0;
        for (int u = 0; u < users; u++) {
            int from = start[u];
            int count = start[u + 1] - from;
            if (count <= n) {
                continue;
            }
            // Keep the n latest rows seen so far, sorted oldest first; rows arrive in input order.
            int held = 0;
            for (int k = 0; k < count; k++) {
                int row = byUser[from + k];
                if (held < n) {
                    insert(latest, held++, row, all);
                } else if (!newer(all, latest[0], row)) {
                    System.arraycopy(latest, 1, latest, 0, n - 1);
                    insert(latest, n - 1, row, all);
                }
            }
            for (int k = 0; k < n; k++) {
                inTest[latest[k]] = true;
            }
            testSize += n;
        }
        if (testSize == 0) {
            throw new IllegalArgumentException("no user has more than " + n + " interactions, so the test set would be empty");
        }
        return partition(all, inTest, testSize);
    }

    /** True when row {@code a} is more recent than row {@code b} (later timestamp, or same and later row). */
    private static boolean newer(Interactions all, int a, int b) {
        long ta = all.timestamp(a);
        long tb = all.timestamp(b);
        return ta > tb || (ta == tb && a > b);
    }

    /** Inserts {@code row} into the sorted prefix {@code held[0..count)}, oldest first. */
    private static void insert(int[] held, int count, int row, Interactions all) {
        int k = count;
        while (k > 0 && newer(all, held[k - 1], row)) {
            held[k] = held[k - 1];
            k--;
        }
        held[k] = row;
    }

    private static int testSize(Interactions all, double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction " + testFraction + " is not in (0, 1)");
        }
        long k = Math.round(all.size() * testFraction);
        if (k < 1 || k >= all.size()) {
            throw new IllegalArgumentException("test fraction " + testFraction + " of " + all.size()
                    + " interactions leaves " + (k < 1 ? "the test" : "the training") + " set empty");
        }
        return (int) k;
    }

    private static void requireTimestamps(Interactions all) {
        for (long ts : all.timestampColumn()) {
            if (ts != 0) {
                return;
            }
        }
        throw new IllegalArgumentException("the interactions have no timestamps (all are 0); use a random split");
    }

    /** Index of the first element greater than {@code key} in a sorted array. */
    private static int upperBound(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static Split partition(Interactions all, boolean[] inTest, int testSize) {
        int[] train = new int[all.size() - testSize];
        int[] test = new int[testSize];
        int a = 0;
        int b = 0;
        for (int r = 0; r < inTest.length; r++) {
            if (inTest[r]) {
                test[b++] = r;
            } else {
                train[a++] = r;
            }
        }
        return new Split(all.select(train), all.select(test), 0);
    }

    private static boolean[] seen(int[] column, int size) {
        boolean[] seen = new boolean[size];
        for (int x : column) {
            seen[x] = true;
        }
        return seen;
    }

    /**
     * For each index of {@code from}, its index in {@code to}, or -1 when absent (or, when
     * {@code inTraining} is given, when it has no training row).
     */
    private static int[] remap(IdMap from, IdMap to, boolean[] inTraining) {
        int[] map = new int[from.size()];
        boolean same = from.equals(to);
        for (int k = 0; k < map.length; k++) {
            int target = same ? k : to.indexOf(from.id(k));
            map[k] = target >= 0 && (inTraining == null || inTraining[target]) ? target : -1;
        }
        return map;
    }
}
