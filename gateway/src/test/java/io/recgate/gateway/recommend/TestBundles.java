package io.recgate.gateway.recommend;

import io.recgate.core.ann.BuildProgress;
import io.recgate.core.ann.HnswParams;
import io.recgate.core.ann.HnswlibIndex;
import io.recgate.core.ann.ItemVectors;
import io.recgate.core.bundle.BundleFiles;
import io.recgate.core.fm.RankingFmModel;
import io.recgate.core.fm.RetrievalFeature;
import io.recgate.core.serving.BundleParams;
import io.recgate.core.serving.RerankerKind;
import io.recgate.core.bundle.BundleMetadata;
import io.recgate.core.bundle.BundleWriter;
import io.recgate.core.bundle.FactorModelFiles;
import io.recgate.core.bundle.ItemMetadata;
import io.recgate.core.fm.FeatureGroup;
import io.recgate.core.fm.FeatureSpace;
import io.recgate.core.fm.FmModel;
import io.recgate.core.ids.IdMap;
import io.recgate.core.model.FactorModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small bundles with planted structure: {@value #ITEMS} items {@code i0..} in {@value #CLUSTERS}
 * clusters (item i in cluster {@code i % 3}, category {@code A}, {@code B} or {@code C}),
 * {@value #USERS} users {@code u0..} (user u in cluster {@code u % 3}) who saw {@value #SEEN_PER_USER}
 * items of their cluster. Factors are the cluster's unit direction plus small noise, so a user's best
 * items are the unseen items of their cluster; the popularity order puts cluster C first (items
 * i2, i5, ...), so a personalised result for an A or B taste is visibly not the popularity ranking.
 * With an FM, its id and implicit factors are the same cluster directions (a consistent reranker).
 */
public final class TestBundles {

    /** Candidates every test bundle records as those its served metrics were measured with. */
    public static final int SERVING_CANDIDATES = 100;

    public static final int ITEMS = 60;
    public static final int USERS = 30;
    public static final int CLUSTERS = 3;
    public static final int SEEN_PER_USER = 3;
    static final int DIMS = 8;
    static final String[] CATEGORIES = {"A", "B", "C"};

    private TestBundles() {
    }

    public static int cluster(int index) {
        return index % CLUSTERS;
    }

    /** The items user u saw in training. */
    public static int[] seen(int u) {
        int[] items = new int[SEEN_PER_USER];
        for (int s = 0; s < SEEN_PER_USER; s++) {
            items[s] = cluster(u) + CLUSTERS * ((u / CLUSTERS + s) % (ITEMS / CLUSTERS));
        }
        return items;
    }

    /** Publishes one version into {@code root} (current when {@code makeCurrent}); returns its name. */
    public static String publish(Path root, boolean withFm, boolean makeCurrent, long seed) throws InterruptedException {
        return publish(root, withFm, makeCurrent, seed, Map.of());
    }

    /** As {@link #publish(Path, boolean, boolean, long)}, recording {@code metrics} in the manifest. */
    public static String publish(Path root, boolean withFm, boolean makeCurrent, long seed, Map<String, Double> metrics)
            throws InterruptedException {
        return publish(root, withFm ? RerankerKind.RATING_FM : null, makeCurrent, seed, metrics);
    }

    /**
     * Publishes a version with both FMs (rating and ranking) ordered by {@code reranker}, or with no
     * FM at all when {@code reranker} is null.
     */
    public static String publish(Path root, RerankerKind reranker, boolean makeCurrent, long seed,
                                 Map<String, Double> metrics) throws InterruptedException {
        return publish(root, reranker, null, makeCurrent, seed, metrics);
    }

    /**
     * As above, recording that the served-quality gate refused {@code refused} (null: none was
     * refused). Every version records {@link #SERVING_CANDIDATES} as its serving candidates.
     */
    public static String publish(Path root, RerankerKind reranker, RerankerKind refused, boolean makeCurrent,
                                 long seed, Map<String, Double> metrics) throws InterruptedException {
        boolean withFm = reranker != null;
        Random random = new Random(seed);
        float[] itemFactors = new float[ITEMS * DIMS];
        for (int i = 0; i < ITEMS; i++) {
            direction(itemFactors, i * DIMS, cluster(i), random, 1f + 0.01f * (i % 7));
        }
        float[] userFactors = new float[USERS * DIMS];
        for (int u = 0; u < USERS; u++) {
            direction(userFactors, u * DIMS, cluster(u), random, 1f);
        }
        List<String> userIds = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            userIds.add("u" + u);
        }
        List<String> itemIds = new ArrayList<>();
        List<ItemMetadata> metadata = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            itemIds.add("i" + i);
            metadata.add(new ItemMetadata("i" + i, "Item " + i, List.of(CATEGORIES[cluster(i)])));
        }
        int[] offsets = new int[USERS + 1];
        int[] seenItems = new int[USERS * SEEN_PER_USER];
        float[] seenValues = new float[seenItems.length];
        int[] counts = new int[ITEMS];
        for (int u = 0; u < USERS; u++) {
            int[] seen = seen(u);
            System.arraycopy(seen, 0, seenItems, u * SEEN_PER_USER, SEEN_PER_USER);
            offsets[u + 1] = (u + 1) * SEEN_PER_USER;
            for (int item : seen) {
                counts[item]++;
            }
        }
        java.util.Arrays.fill(seenValues, 1f);
        int[] popularity = new int[ITEMS];
        int p = 0;
        for (int c : new int[] {2, 0, 1}) {
            for (int i = c; i < ITEMS; i += CLUSTERS) {
                popularity[p++] = i;
            }
        }
        FactorModel model = FactorModel.withoutBiases(DIMS, userFactors, itemFactors);
        HnswlibIndex retrieval = HnswlibIndex.build(itemFactors, DIMS, new HnswParams(8, 50, 20), 1, BuildProgress.none());
        HnswlibIndex similar = HnswlibIndex.build(ItemVectors.normalizedRows(itemFactors, DIMS), DIMS,
                new HnswParams(8, 50, 20), 1, BuildProgress.none());
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("retrieval.model", "implicit-als");
        params.put("implicit-als.lambda", 0.1);
        params.put("implicit-als.alpha", 2.0);
        params.put("ann.ef", 20);
        params.put("similar.ef", 20);
        params.put(BundleParams.SERVING_CANDIDATES.name(), SERVING_CANDIDATES);
        if (refused != null) {
            params.put(BundleParams.RERANKER_REFUSED.name(), refused.cliName());
        }
        try (BundleWriter writer = BundleWriter.open(root)) {
            writer.addLines(BundleFiles.USER_IDS, userIds);
            writer.addLines(BundleFiles.ITEM_IDS, itemIds);
            writer.addJsonLines(BundleFiles.ITEMS, metadata);
            writer.addIntMatrix(BundleFiles.ITEM_COUNTS, counts, 1);
            writer.addIntMatrix(BundleFiles.POPULARITY, popularity, 1);
            writer.addIntMatrix(BundleFiles.SEEN_OFFSETS, offsets, 1);
            writer.addIntMatrix(BundleFiles.SEEN_ITEMS, seenItems, 1);
            writer.addFloatMatrix(BundleFiles.SEEN_VALUES, seenValues, 1);
            FactorModelFiles.write(writer, model);
            writer.addFile(BundleFiles.HNSW_INDEX, retrieval::save);
            writer.addFile(BundleFiles.SIMILAR_INDEX, similar::save);
            if (withFm) {
                writer.addFile(BundleFiles.FM_MODEL, fm(userIds, itemIds)::write);
                writer.addFile(BundleFiles.RANKING_FM_MODEL, rankingFm(userIds, itemIds)::write);
                params.put(BundleParams.RERANKER.name(), reranker.cliName());
            }
            return writer.publish(new BundleMetadata(DIMS, BundleMetadata.METRIC_INNER_PRODUCT, USERS, ITEMS,
                    params, metrics), makeCurrent).name();
        }
    }

    /** An FM whose user-id, item-id and implicit factors are the cluster directions. */
    private static FmModel fm(List<String> userIds, List<String> itemIds) {
        int[][] rated = new int[USERS][];
        for (int u = 0; u < USERS; u++) {
            rated[u] = seen(u);
        }
        FeatureSpace space = FeatureSpace.of(IdMap.of(userIds), IdMap.of(itemIds), null, null, rated);
        int k = CLUSTERS;
        float[] w = new float[space.numFeatures()];
        float[] v = new float[space.numFeatures() * k];
        for (int u = 0; u < USERS; u++) {
            v[(space.offset(FeatureGroup.USER_ID) + u) * k + cluster(u)] = 1f;
        }
        for (int i = 0; i < ITEMS; i++) {
            v[(space.offset(FeatureGroup.ITEM_ID) + i) * k + cluster(i)] = 1f;
            v[(space.offset(FeatureGroup.IMPLICIT) + i) * k + cluster(i)] = 1f;
        }
        return new FmModel(space, k, 0f, w, v);
    }

    /**
     * A ranking FM: the FM above at a tenth of its strength plus the retrieval score (standardised
     * in the list) and popularity, so its order differs from both retrieval order and the FM's.
     */
    private static RankingFmModel rankingFm(List<String> userIds, List<String> itemIds) {
        FmModel base = fm(userIds, itemIds);
        float[] v = base.v().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= 0.3f;
        }
        FmModel sparse = new FmModel(base.space(), base.k(), 0f, base.w(), v);
        int k = base.k();
        return new RankingFmModel(sparse, List.of(RetrievalFeature.SCORE_Z, RetrievalFeature.LOG_POPULARITY),
                new float[] {0f, 1f}, new float[] {1f, 1f}, new float[] {1f, 0.4f}, new float[2 * k]);
    }

    private static void direction(float[] out, int offset, int cluster, Random random, float scale) {
        for (int d = 0; d < DIMS; d++) {
            out[offset + d] = (d == cluster ? scale : 0f) + 0.05f * (float) random.nextGaussian();
        }
    }
}
