package io.recgate.indexbuilder.fm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.fm.FmScorer;
import io.recgate.core.fm.RankingFmModel;
import io.recgate.core.fm.RankingFmScorer;
import io.recgate.core.fm.RetrievalFeature;
import io.recgate.core.ids.IdMap;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.als.AlsParams;
import io.recgate.indexbuilder.als.ImplicitAls;
import io.recgate.indexbuilder.io.Dataset;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.ItemCatalog;
import io.recgate.indexbuilder.io.SideFeatures;
import io.recgate.kernels.TopK;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankingFmTrainerTest {

    private static final int USERS = 400;
    private static final int ITEMS = 240;
    private static final int CLUSTERS = 8;
    private static final int PER_USER = 30;
    private static final int CANDIDATES = 60;
    private static final int K = 10;

    /** Retrieval too small to represent the 8 planted clusters: rank 2. */
    private static final AlsParams WEAK_RETRIEVAL = AlsParams.implicitDefaults().withRank(2).withIterations(8)
            .withThreads(1);

    private static RankingFmParams params() {
        RankingFmParams d = RankingFmParams.defaults();
        return new RankingFmParams(16, 3, 0.02, 1e-3, 256, 4, CANDIDATES, 30, 4, 0, 5000, d.features(), false, false, true,
                d.initStdev(), 5L);
    }

    /**
     * Each user picks items of their own cluster (ids congruent to the cluster modulo 8) and a
     * few popular items; the last 3 picks of every user are held out.
     */
    private record Planted(Dataset train, int[][] held) {
        static Planted make(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Integer> users = new ArrayList<>();
            List<Integer> items = new ArrayList<>();
            int[][] held = new int[USERS][];
            for (int u = 0; u < USERS; u++) {
                int cluster = u % CLUSTERS;
                boolean[] taken = new boolean[ITEMS];
                int[] picks = new int[PER_USER];
                for (int p = 0; p < PER_USER; p++) {
                    int item;
                    do {
                        item = random.nextDouble() < 0.8
                                ? cluster + CLUSTERS * random.nextInt(ITEMS / CLUSTERS)
                                : random.nextInt(12);
                    } while (taken[item]);
                    taken[item] = true;
                    picks[p] = item;
                }
                held[u] = Arrays.copyOfRange(picks, PER_USER - 3, PER_USER);
                Arrays.sort(held[u]);
                for (int p = 0; p < PER_USER - 3; p++) {
                    users.add(u);
                    items.add(picks[p]);
                }
            }
            IdMap userIds = ids("u", USERS);
            IdMap itemIds = ids("i", ITEMS);
            int n = users.size();
            float[] ones = new float[n];
            Arrays.fill(ones, 1f);
            Interactions x = new Interactions(userIds, itemIds, users.stream().mapToInt(Integer::intValue).toArray(),
                    items.stream().mapToInt(Integer::intValue).toArray(), ones, new long[n]);
            return new Planted(new Dataset(x, false, ItemCatalog.empty(itemIds), SideFeatures.none(userIds),
                    SideFeatures.none(itemIds)), held);
        }
    }

    private static IdMap ids(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
        }
        return IdMap.of(ids);
    }

    /** Mean hits@K over users: retrieval order (reranker null) or the ranking FM's order of the top candidates. */
    private static double hits(Planted data, FactorModel als, RankingFmModel reranker) {
        Interactions x = data.train().interactions();
        boolean[][] seen = new boolean[USERS][ITEMS];
        int[] counts = new int[ITEMS];
        for (int r = 0; r < x.size(); r++) {
            seen[x.user(r)][x.item(r)] = true;
            counts[x.item(r)]++;
        }
        RankingFmScorer scorer = reranker == null ? null : new RankingFmScorer(reranker);
        int d = reranker == null ? 0 : reranker.features().size();
        double hits = 0;
        float[] scores = new float[ITEMS];
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ITEMS; i++) {
                scores[i] = seen[u][i] ? Float.NaN : (float) als.predict(u, i);
            }
            int[] list = TopK.largest(scores, ITEMS, CANDIDATES);
            float[] listScores = new float[list.length];
            for (int c = 0; c < list.length; c++) {
                listScores[c] = scores[list[c]];
            }
            int[] top;
            if (scorer == null) {
                top = Arrays.copyOf(list, K);
            } else {
                FmScorer.UserContext user = scorer.sparse().prepare(u);
                RankingFmScorer.Request request = scorer.prepare(user);
                RetrievalFeature.ScoreList stats = RetrievalFeature.ScoreList.of(listScores, list.length);
                float[] ranking = new float[list.length];
                float[] raw = new float[d];
                for (int c = 0; c < list.length; c++) {
                    for (int e = 0; e < d; e++) {
                        raw[e] = reranker.features().get(e).value(stats, c, counts[list[c]]);
                    }
                    ranking[c] = scorer.score(request, list[c], raw, new float[d]);
                }
                int[] order = TopK.largest(ranking, list.length, K);
                top = new int[K];
                for (int r = 0; r < K; r++) {
                    top[r] = list[order[r]];
                }
            }
            for (int item : top) {
                if (Arrays.binarySearch(data.held()[u], item) >= 0) {
                    hits++;
                }
            }
        }
        return hits / USERS;
    }

    @Test
    void recoversAPlantedPreferenceTheRetrievalModelCannotRepresent() {
        Planted data = Planted.make(11);
        FactorModel als = ImplicitAls.train(data.train().interactions(), WEAK_RETRIEVAL, (it, n, e, l) -> { });
        RankingFmModel model = RankingFmTrainer.train(data.train(), WEAK_RETRIEVAL, params(), (s, done, total) -> { });
        double retrieval = hits(data, als, null);
        double served = hits(data, als, model);
        assertTrue(served > 1.3 * retrieval, "hits@10 served " + served + " vs retrieval alone " + retrieval);
    }

    @Test
    void sameSeedGivesTheSameModelBytes() {
        Planted data = Planted.make(12);
        byte[] a = bytes(RankingFmTrainer.train(data.train(), WEAK_RETRIEVAL, params(), (s, done, total) -> { }));
        byte[] b = bytes(RankingFmTrainer.train(data.train(), WEAK_RETRIEVAL, params(), (s, done, total) -> { }));
        assertArrayEquals(a, b);
    }

    @Test
    void refusesBadParametersListingEveryProblem() {
        RankingFmParams d = RankingFmParams.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RankingFmParams(0, 0,
                -1, -1, 0, 1, 10, 20, 0, -1, 0, d.features(), false, false, true, 0.01, 1L));
        for (String part : new String[] {"factors 0", "epochs 0", "learningRate -1.0", "regularization -1.0",
            "batch 0", "folds 1", "window 20 must be in [2, candidates 10]", "hardNegatives 0", "popularNegatives -1", "listUsers 0"}) {
            assertTrue(e.getMessage().contains(part), part + " in " + e.getMessage());
        }
    }

    private static byte[] bytes(RankingFmModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }
}
