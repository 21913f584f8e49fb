package io.recgate.indexbuilder.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.ids.IdMap;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.io.Interactions;
import io.recgate.indexbuilder.io.ItemCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final double EPS = 1e-6;
    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    private static final double LOG2_6 = Math.log(6) / Math.log(2);

    /*
     * The hand-worked example. Users u0, u1, u2; items i0..i5.
     * train: u0 {i5}; u1 {i0, i5, i1}; u2 {i0, i5}   -> counts i0:2 i1:1 i5:3, 6 rows
     * test:  u0 {i0, i2}; u1 {i3}                     -> u2 is not evaluated
     * model scores: u0 [.9 .8 .7 .6 .5 1.0] -> i5 seen, top3 = [i0, i1, i2]
     *               u1 [1 .9 .1 .2 .3 .8]   -> i0,i1,i5 seen, top3 = [i4, i3, i2]
     * categories: i0 {A}, i1 {A,B}, i2 {B}, i3 {C}, i4 {A,C}, i5 {}
     */
    private static final IdMap USERS = ids("u", 3);
    private static final IdMap ITEMS = ids("i", 6);
    private static final Interactions TRAIN = interactions(USERS, ITEMS,
            new int[] {0, 1, 1, 1, 2, 2}, new int[] {5, 0, 5, 1, 0, 5}, new float[] {1, 1, 1, 1, 1, 1});
    private static final Interactions TEST = interactions(USERS, ITEMS,
            new int[] {0, 0, 1}, new int[] {0, 2, 3}, new float[] {1, 1, 1});
    private static final float[][] SCORES = {
        {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 1.0f},
        {1.0f, 0.9f, 0.1f, 0.2f, 0.3f, 0.8f},
        {0f, 0f, 0f, 0f, 0f, 0f},
    };
    private static final ItemCatalog CATALOG = new ItemCatalog(ITEMS, List.of("", "", "", "", "", ""),
            List.of(List.of("A"), List.of("A", "B"), List.of("B"), List.of("C"), List.of("A", "C"), List.of()));

    @Test
    void rankingMetricsMatchHandComputedValues() {
        EvalOptions options = EvalOptions.defaults().withK(3).withThreads(1)
                .withDissimilarity(ItemDissimilarity.categoryJaccard(CATALOG));
        RankingMetrics m = Evaluator.rank(TRAIN, TEST, matrixRanker(SCORES), options);

        assertEquals(2, m.usersEvaluated());
        // u0: hits at ranks 1 and 3 -> 2/3; u1: hit at rank 2 -> 1/3; mean (2/3 + 1/3) / 2
        assertEquals(0.5, m.precision(), EPS);
        // both users found all their relevant items: 2/2 and 1/1
        assertEquals(1.0, m.recall(), EPS);
        // u0: (1 + 1/log2(4)) / (1 + 1/log2(3)); u1: (1/log2(3)) / 1
        double ndcgU0 = (1 + 1 / 2.0) / (1 + 1 / LOG2_3);
        double ndcgU1 = 1 / LOG2_3;
        assertEquals((ndcgU0 + ndcgU1) / 2, m.ndcg(), EPS);
        assertEquals(0.7753250, m.ndcg(), 1e-6);
        // u0: (1/1 + 2/3) / min(2, 3) = 5/6; u1: (1/2) / 1; mean (5/6 + 1/2) / 2 = 2/3
        assertEquals(2.0 / 3, m.map(), EPS);
        assertEquals(1.0, m.hitRate(), EPS);
        // lists {i0,i1,i2} and {i4,i3,i2}: 5 distinct of 6 items
        assertEquals(5.0 / 6, m.coverage(), EPS);
        // u0 pairs: (i0,i1) 1-1/2, (i0,i2) 1-0/2, (i1,i2) 1-1/2 -> 2/3
        // u1 pairs: (i4,i3) 1-1/2, (i4,i2) 1-0/3, (i3,i2) 1-0/2 -> 2.5/3; mean (2/3 + 5/6) / 2 = 0.75
        assertEquals(0.75, m.diversity(), EPS);
        // self-information -log2(count/6): i0 log2(3), i1 log2(6), unseen items count as 1 -> log2(6)
        // u0 [i0,i1,i2]: (log2 3 + 2 log2 6) / 3; u1 [i4,i3,i2]: log2 6
        double noveltyU0 = (LOG2_3 + 2 * LOG2_6) / 3;
        assertEquals((noveltyU0 + LOG2_6) / 2, m.novelty(), EPS);
        assertEquals(2.4182958, m.novelty(), 1e-6);
    }

    @Test
    void popularityBaselineIsReportedBesideTheModel() {
        EvalOptions options = EvalOptions.defaults().withK(3).withThreads(1);
        EvaluationReport report = Evaluator.evaluate(TRAIN, TEST, matrixRanker(SCORES), null, options);
        RankingMetrics b = report.baseline();
        // popularity counts [2,1,0,0,0,3]; u0 (seen i5): [i0,i1,i2] hits ranks 1,3;
        // u1 (seen i0,i1,i5): ties at 0 -> lower index first [i2,i3,i4], hit at rank 2
        assertEquals(0.5, b.precision(), EPS);
        assertEquals(((1 + 1 / 2.0) / (1 + 1 / LOG2_3) + 1 / LOG2_3) / 2, b.ndcg(), EPS);
        assertEquals(2.0 / 3, b.map(), EPS);
        assertEquals(5.0 / 6, b.coverage(), EPS);
        assertTrue(Double.isNaN(b.diversity()), "no dissimilarity given");
        assertNull(report.rating());
    }

    @Test
    void seenItemsAreNeverRecommended() {
        IdMap users = ids("u", 1);
        IdMap items = ids("i", 3);
        // i0 scores best but is in training; the relevant i1 is second best -> must be the top-1
        Interactions train = interactions(users, items, new int[] {0}, new int[] {0}, new float[] {1});
        Interactions test = interactions(users, items, new int[] {0}, new int[] {1}, new float[] {1});
        RankingMetrics m = Evaluator.rank(train, test, matrixRanker(new float[][] {{3f, 2f, 1f}}),
                EvalOptions.defaults().withK(1).withThreads(1));
        assertEquals(1.0, m.precision(), EPS);
        assertEquals(1.0, m.ndcg(), EPS);
        // only 2 candidates, K = 1 -> one item covered of 3
        assertEquals(1.0 / 3, m.coverage(), EPS);
    }

    @Test
    void shortCandidateListsStillDivideByK() {
        IdMap users = ids("u", 1);
        IdMap items = ids("i", 4);
        // seen i0, i1 -> candidates i2, i3; K = 10 -> list of 2, one relevant hit (i3 at rank 2)
        Interactions train = interactions(users, items, new int[] {0, 0}, new int[] {0, 1}, new float[] {1, 1});
        Interactions test = interactions(users, items, new int[] {0}, new int[] {3}, new float[] {1});
        RankingMetrics m = Evaluator.rank(train, test, matrixRanker(new float[][] {{4f, 3f, 2f, 1f}}),
                EvalOptions.defaults().withThreads(1));
        // precision = 1 hit / K=10; ndcg = (1/log2 3) / 1; AP = (1/2) / min(1, 10)
        assertEquals(0.1, m.precision(), EPS);
        assertEquals(1 / LOG2_3, m.ndcg(), EPS);
        assertEquals(0.5, m.map(), EPS);
    }

    @Test
    void relevanceThresholdKeepsOnlyHighRatings() {
        IdMap users = ids("u", 1);
        IdMap items = ids("i", 3);
        Interactions train = interactions(users, items, new int[0], new int[0], new float[0]);
        // i0 rated 2 (not relevant at threshold 4), i2 rated 5 (relevant); ranking [i0, i1, i2]
        Interactions test = interactions(users, items, new int[] {0, 0}, new int[] {0, 2}, new float[] {2, 5});
        Ranker ranker = matrixRanker(new float[][] {{3f, 2f, 1f}});
        RankingMetrics all = Evaluator.rank(train, test, ranker, EvalOptions.defaults().withK(2).withThreads(1));
        RankingMetrics high = Evaluator.rank(train, test, ranker,
                EvalOptions.defaults().withK(2).withThreads(1).withRelevanceThreshold(4f));
        // every rating relevant: hit at rank 1 of 2 relevant -> recall 1/2, precision 1/2
        assertEquals(0.5, all.recall(), EPS);
        assertEquals(0.5, all.precision(), EPS);
        // only i2 relevant, not in the top 2 -> no hit
        assertEquals(0.0, high.recall(), EPS);
        assertEquals(0.0, high.hitRate(), EPS);
    }

    @Test
    void rmseAndMaeMatchHandComputedValuesWithAndWithoutClipping() {
        IdMap users = ids("u", 1);
        IdMap items = ids("i", 3);
        Interactions test = interactions(users, items, new int[] {0, 0, 0}, new int[] {0, 1, 2},
                new float[] {4, 2, 5});
        float[] predictions = {3.5f, 2.5f, 6.0f};
        RatingPredictor predictor = (u, i) -> predictions[i];
        // errors -0.5, 0.5, +1 -> rmse sqrt((0.25 + 0.25 + 1) / 3), mae 2/3
        RatingMetrics raw = RatingMetrics.compute(predictor, test, Float.NaN, Float.NaN);
        assertEquals(Math.sqrt(1.5 / 3), raw.rmse(), EPS);
        assertEquals(2.0 / 3, raw.mae(), EPS);
        // clip to [1, 5]: 6.0 -> 5.0, errors -0.5, 0.5, 0 -> rmse sqrt(0.5 / 3), mae 1/3
        RatingMetrics clipped = RatingMetrics.compute(predictor, test, 1f, 5f);
        assertEquals(Math.sqrt(0.5 / 3), clipped.rmse(), EPS);
        assertEquals(1.0 / 3, clipped.mae(), EPS);
        assertEquals(3, clipped.count());
    }

    @Test
    void cosineDiversityUsesItemFactors() {
        IdMap users = ids("u", 1);
        IdMap items = ids("i", 3);
        Interactions train = interactions(users, items, new int[0], new int[0], new float[0]);
        Interactions test = interactions(users, items, new int[] {0}, new int[] {0}, new float[] {1});
        float[] factors = {1, 0, 0, 1, 1, 1};
        ItemDissimilarity cosine = ItemDissimilarity.cosine(factors, 2);
        RankingMetrics m = Evaluator.rank(train, test, matrixRanker(new float[][] {{3f, 2f, 1f}}),
                EvalOptions.defaults().withK(3).withThreads(1).withDissimilarity(cosine));
        // pairs: (i0,i1) 1 - 0; (i0,i2) and (i1,i2) 1 - 1/sqrt(2); mean over 3 pairs
        assertEquals((1 + 2 * (1 - 1 / Math.sqrt(2))) / 3, m.diversity(), 1e-6);
        assertEquals("1 - cosine(item factors)", cosine.description());
    }

    @Test
    void choosesCosineWhenFactorsAreGivenElseCategoriesElseNothing() {
        assertEquals("1 - cosine(item factors)",
                ItemDissimilarity.choose(new float[12], 2, CATALOG).description());
        assertEquals("jaccard(categories)", ItemDissimilarity.choose(null, 0, CATALOG).description());
        assertNull(ItemDissimilarity.choose(null, 0, ItemCatalog.empty(ITEMS)));
        assertNull(ItemDissimilarity.choose(null, 0, null));
    }

    @Test
    void factorModelRankerScoresByInnerProductPlusOptionalItemBias() {
        float[] userFactors = {1, 2};
        float[] itemFactors = {1, 0, 0, 1, 1, 1};
        FactorModel model = new FactorModel(2, userFactors, itemFactors, 3f, new float[] {1f},
                new float[] {0.5f, -1f, 0f});
        float[] out = new float[3];
        new FactorModelRanker(model, false).score(0, out);
        // <(1,2),(1,0)> = 1, <(1,2),(0,1)> = 2, <(1,2),(1,1)> = 3; global and user bias never added
        assertEquals(List.of(1f, 2f, 3f), List.of(out[0], out[1], out[2]));
        new FactorModelRanker(model, true).score(0, out);
        assertEquals(List.of(1.5f, 1f, 3f), List.of(out[0], out[1], out[2]));
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        SplittableRandom random = new SplittableRandom(7);
        int userCount = 500;
        int itemCount = 300;
        IdMap users = ids("u", userCount);
        IdMap items = ids("i", itemCount);
        Interactions train = randomInteractions(users, items, 20, random);
        Interactions test = randomInteractions(users, items, 5, random);
        float[] userFactors = randomFactors(userCount * 8, random);
        float[] itemFactors = randomFactors(itemCount * 8, random);
        FactorModel model = FactorModel.withoutBiases(8, userFactors, itemFactors);
        EvalOptions options = EvalOptions.defaults().withDissimilarity(ItemDissimilarity.cosine(itemFactors, 8));
        EvaluationReport one = Evaluator.evaluate(train, test, new FactorModelRanker(model, false), model::predict,
                options.withThreads(1));
        for (int threads : new int[] {2, 3, 8}) {
            EvaluationReport many = Evaluator.evaluate(train, test, new FactorModelRanker(model, false),
                    model::predict, options.withThreads(threads));
            assertEquals(one, many, "threads " + threads);
            assertEquals(one.toJson(), many.toJson());
        }
        assertTrue(one.model().usersEvaluated() > 400, "most users have unseen test items");
    }

    @Test
    void refusesSplitsWithDifferentIdMaps() {
        Interactions other = interactions(ids("u", 3), ids("i", 7), new int[0], new int[0], new float[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.rank(TRAIN, other, matrixRanker(SCORES), EvalOptions.defaults()));
        assertEquals("train and test must share id maps: train has 3 users / 6 items, test 3 / 7", e.getMessage());
    }

    @Test
    void refusesRankerWithWrongItemCount() {
        Ranker tooFew = matrixRanker(new float[][] {{1f}, {1f}, {1f}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.rank(TRAIN, TEST, tooFew, EvalOptions.defaults()));
        assertEquals("ranker scores 1 items but the data has 6", e.getMessage());
    }

    @Test
    void refusesBadOptions() {
        assertEquals("k 0 must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> EvalOptions.defaults().withK(0)).getMessage());
        assertEquals("threads 0 must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> EvalOptions.defaults().withThreads(0))
                        .getMessage());
        assertEquals("clip range [5.0, 1.0] is empty",
                assertThrows(IllegalArgumentException.class, () -> EvalOptions.defaults().withClip(5f, 1f))
                        .getMessage());
        assertEquals("item factor length 5 is not a positive multiple of dims 2",
                assertThrows(IllegalArgumentException.class, () -> ItemDissimilarity.cosine(new float[5], 2))
                        .getMessage());
    }

    static IdMap ids(String prefix, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(prefix + i);
        }
        return IdMap.of(names);
    }

    static Interactions interactions(IdMap users, IdMap items, int[] u, int[] i, float[] v) {
        return new Interactions(users, items, u, i, v, new long[u.length]);
    }

    static Ranker matrixRanker(float[][] scores) {
        return new Ranker() {
            @Override
            public int itemCount() {
                return scores[0].length;
            }

            @Override
            public void score(int user, float[] out) {
                System.arraycopy(scores[user], 0, out, 0, scores[user].length);
            }
        };
    }

    private static Interactions randomInteractions(IdMap users, IdMap items, int perUser, SplittableRandom random) {
        int n = users.size() * perUser;
        int[] u = new int[n];
        int[] i = new int[n];
        float[] v = new float[n];
        for (int r = 0; r < n; r++) {
            u[r] = r / perUser;
            i[r] = random.nextInt(items.size());
            v[r] = 1 + random.nextInt(5);
        }
        return interactions(users, items, u, i, v);
    }

    private static float[] randomFactors(int n, SplittableRandom random) {
        float[] f = new float[n];
        for (int k = 0; k < n; k++) {
            f[k] = (float) random.nextGaussian();
        }
        return f;
    }
}
