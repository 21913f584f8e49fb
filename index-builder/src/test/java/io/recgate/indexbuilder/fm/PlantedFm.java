package io.recgate.indexbuilder.fm;

import io.recgate.core.fm.FeatureSpace;
import io.recgate.core.fm.FmModel;
import io.recgate.core.fm.SparseFeatures;
import io.recgate.core.ids.IdMap;
import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.ItemCatalog;
import io.recgate.indexbuilder.io.SideFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A random FM with ids and side tokens, and noisy observations of it split into train and test. */
final class PlantedFm {

    final Dataset train;
    final Dataset test;
    final FmModel truth;

    PlantedFm(long seed, int users, int items, int k, double density, double noise) {
        Random random = new Random(seed);
        List<String> userIds = new ArrayList<>();
        List<List<String>> userTokens = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            userIds.add("u" + u);
            userTokens.add(List.of("gender:" + (random.nextBoolean() ? "F" : "M"), "age:" + random.nextInt(4)));
        }
        List<String> itemIds = new ArrayList<>();
        List<List<String>> itemTokens = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            itemIds.add("i" + i);
            List<String> tokens = new ArrayList<>();
            tokens.add("genre:" + random.nextInt(6));
            if (random.nextBoolean()) {
                tokens.add("genre:" + (6 + random.nextInt(3)));
            }
            tokens.add("year:" + random.nextInt(5));
            itemTokens.add(tokens);
        }
        IdMap userMap = IdMap.of(userIds);
        IdMap itemMap = IdMap.of(itemIds);
        FeatureSpace space = FeatureSpace.of(userMap, itemMap, userTokens, itemTokens, null);
        int n = space.numFeatures();
        float[] w = new float[n];
        float[] v = new float[n * k];
        for (int j = 0; j < n; j++) {
            w[j] = (float) (0.3 * random.nextGaussian());
        }
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) (0.5 * random.nextGaussian());
        }
        truth = new FmModel(space, k, 3f, w, v);
        List<int[]> trainPairs = new ArrayList<>();
        List<int[]> testPairs = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (random.nextDouble() < density) {
                    (random.nextDouble() < 0.1 ? testPairs : trainPairs).add(new int[] {u, i});
                }
            }
        }
        SideFeatures userFeatures = new SideFeatures(userMap, userTokens);
        SideFeatures itemFeatures = new SideFeatures(itemMap, itemTokens);
        ItemCatalog catalog = ItemCatalog.empty(itemMap);
        train = new Dataset(observe(trainPairs, space, userMap, itemMap, random, noise), true, catalog,
                userFeatures, itemFeatures);
        test = new Dataset(observe(testPairs, space, userMap, itemMap, random, 0), true, catalog,
                userFeatures, itemFeatures);
    }

    private Interactions observe(List<int[]> pairs, FeatureSpace space, IdMap users, IdMap items, Random random,
                                 double noise) {
        int[] u = new int[pairs.size()];
        int[] i = new int[pairs.size()];
        float[] y = new float[pairs.size()];
        for (int c = 0; c < u.length; c++) {
            u[c] = pairs.get(c)[0];
            i[c] = pairs.get(c)[1];
            SparseFeatures x = space.userFeatures(u[c]).concat(space.itemFeatures(i[c]));
            y[c] = (float) (truth.predict(x) + noise * random.nextGaussian());
        }
        return new Interactions(users, items, u, i, y, new long[u.length]);
    }
}
