package io.recgate.indexbuilder.als;

import io.recgate.core.ids.IdMap;
import io.recgate.indexbuilder.io.Interactions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic data with known structure for the trainer tests. */
final class PlantedData {

    private PlantedData() {
    }

    static IdMap ids(String prefix, int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
        }
        return IdMap.of(ids);
    }

    static Interactions interactions(IdMap users, IdMap items, int[] user, int[] item, float[] value) {
        return new Interactions(users, items, user, item, value, new long[user.length]);
    }

    /** A train/test split of the same id maps. */
    record Split(Interactions train, Interactions test) {
    }

    /**
     * Ratings r = μ + b_u + b_i + ⟨p_u, q_i⟩ + noise with a planted rank-{@code rank} structure,
     * each (user, item) observed with probability {@code density}; 80 % train, 20 % test.
     */
    static Split lowRankRatings(int users, int items, int rank, double density, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] p = gaussian(random, users * rank, 1.0 / Math.sqrt(rank));
        double[] q = gaussian(random, items * rank, 1.0);
        double[] bu = gaussian(random, users, 0.3);
        double[] bi = gaussian(random, items, 0.3);
        IntList trainU = new IntList();
        IntList trainI = new IntList();
        FloatList trainV = new FloatList();
        IntList testU = new IntList();
        IntList testI = new IntList();
        FloatList testV = new FloatList();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (random.nextDouble() >= density) {
                    continue;
                }
                double r = 3.5 + bu[u] + bi[i] + random.nextGaussian() * noise;
                for (int f = 0; f < rank; f++) {
                    r += p[u * rank + f] * q[i * rank + f];
                }
                boolean test = random.nextDouble() < 0.2;
                (test ? testU : trainU).add(u);
                (test ? testI : trainI).add(i);
                (test ? testV : trainV).add((float) r);
            }
        }
        IdMap userIds = ids("u", users);
        IdMap itemIds = ids("i", items);
        return new Split(interactions(userIds, itemIds, trainU.toArray(), trainI.toArray(), trainV.toArray()),
                interactions(userIds, itemIds, testU.toArray(), testI.toArray(), testV.toArray()));
    }

    /**
     * Implicit clicks with planted communities: user u belongs to group u % groups and clicks each
     * item of its own group (i % groups) with probability {@code inGroup}, any other item with
     * probability {@code outGroup}; 80 % train, 20 % test.
     */
    static Split communities(int users, int items, int groups, double inGroup, double outGroup, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        IntList trainU = new IntList();
        IntList trainI = new IntList();
        IntList testU = new IntList();
        IntList testI = new IntList();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                double probability = u % groups == i % groups ? inGroup : outGroup;
                if (random.nextDouble() < probability) {
                    boolean test = random.nextDouble() < 0.2;
                    (test ? testU : trainU).add(u);
                    (test ? testI : trainI).add(i);
                }
            }
        }
        IdMap userIds = ids("u", users);
        IdMap itemIds = ids("i", items);
        return new Split(interactions(userIds, itemIds, trainU.toArray(), trainI.toArray(), ones(trainU.size)),
                interactions(userIds, itemIds, testU.toArray(), testI.toArray(), ones(testU.size)));
    }

    static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    private static double[] gaussian(SplittableRandom random, int n, double scale) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = random.nextGaussian() * scale;
        }
        return v;
    }

    static final class IntList {
        int[] data = new int[16];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }

    static final class FloatList {
        float[] data = new float[16];
        int size;

        void add(float v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
