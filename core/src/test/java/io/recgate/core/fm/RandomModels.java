package io.recgate.core.fm;

import io.recgate.core.ids.IdMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random feature spaces and models for tests. */
final class RandomModels {

    private static final String[] GENRES = {"Action", "Comedy", "Drama", "Horror", "Romance"};

    private RandomModels() {
    }

    static FeatureSpace space(Random random, int users, int items, boolean tokens, boolean implicit) {
        List<String> userIds = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            userIds.add("u" + u);
        }
        List<String> itemIds = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            itemIds.add("i" + i);
        }
        List<List<String>> userTokens = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            userTokens.add(List.of("gender:" + (random.nextBoolean() ? "F" : "M"), "age:" + random.nextInt(4)));
        }
        List<List<String>> itemTokens = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            List<String> t = new ArrayList<>();
            t.add("year:" + (1950 + 10 * random.nextInt(5)) + "s");
            for (String genre : GENRES) {
                if (random.nextInt(3) == 0) {
                    t.add("genre:" + genre);
                }
            }
            itemTokens.add(t);
        }
        int[][] rated = new int[users][];
        for (int u = 0; u < users; u++) {
            rated[u] = random.ints(random.nextInt(Math.min(items, 12)), 0, items).toArray();
        }
        return FeatureSpace.of(IdMap.of(userIds), IdMap.of(itemIds), tokens ? userTokens : null,
                tokens ? itemTokens : null, implicit ? rated : null);
    }

    static FmModel model(Random random, FeatureSpace space, int k) {
        int n = space.numFeatures();
        float[] w = new float[n];
        float[] v = new float[n * k];
        for (int j = 0; j < n; j++) {
            w[j] = (float) random.nextGaussian() * 0.3f;
        }
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) random.nextGaussian() * 0.4f;
        }
        return new FmModel(space, k, 3.5f, w, v);
    }

    /** The FM formula as written, O(k·n²), in double. */
    static double naive(FmModel model, SparseFeatures x) {
        int k = model.k();
        float[] w = model.w();
        float[] v = model.v();
        int[] idx = x.indices();
        float[] val = x.values();
        double y = model.w0();
        for (int a = 0; a < idx.length; a++) {
            y += (double) w[idx[a]] * val[a];
            for (int b = a + 1; b < idx.length; b++) {
                double d = 0;
                for (int f = 0; f < k; f++) {
                    d += (double) v[idx[a] * k + f] * v[idx[b] * k + f];
                }
                y += d * val[a] * val[b];
            }
        }
        return y;
    }
}
