package io.recgate.core.fm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FmScorerTest {

    @ParameterizedTest(name = "k={0} tokens={1} implicit={2}")
    @CsvSource({"1,false,false", "8,true,false", "16,false,true", "37,true,true", "128,true,true"})
    void scoreEqualsNaiveFmFormula(int k, boolean tokens, boolean implicit) {
        Random random = new Random(k * 31L + (tokens ? 1 : 0) + (implicit ? 2 : 0));
        FeatureSpace space = RandomModels.space(random, 20, 30, tokens, implicit);
        FmModel model = RandomModels.model(random, space, k);
        FmScorer scorer = new FmScorer(model);
        int[] items = new int[space.items().size()];
        for (int i = 0; i < items.length; i++) {
            items[i] = i;
        }
        float[] out = new float[items.length];
        for (int u = 0; u < space.users().size(); u++) {
            FmScorer.UserContext context = scorer.prepare(u);
            scorer.scoreAll(context, items, out);
            for (int i : items) {
                SparseFeatures x = space.userFeatures(u).concat(space.itemFeatures(i));
                double expected = RandomModels.naive(model, x);
                double tolerance = 1e-4 * (1 + Math.abs(expected)) * Math.sqrt(k);
                assertEquals(expected, scorer.score(context, i), tolerance, "user " + u + " item " + i);
                // Same arithmetic, but SIMD lane reductions may be ordered differently before and
                // after JIT compilation (the Vector API leaves it unspecified): allow a few ulps.
                float single = scorer.score(context, i);
                assertEquals(single, out[i], 4 * Math.ulp(Math.max(1f, Math.abs(single))) * k,
                        "scoreAll differs from score");
                assertEquals(expected, model.predict(x), 1e-9 * (1 + Math.abs(expected)) * k, "predict");
            }
        }
    }

    @Test
    void newUserFromTokensAndRatedItemsMatchesNaiveFormula() {
        Random random = new Random(5);
        FeatureSpace space = RandomModels.space(random, 10, 25, true, true);
        FmModel model = RandomModels.model(random, space, 12);
        FmScorer scorer = new FmScorer(model);
        SparseFeatures user = space.encodeUser(-1, List.of("gender:F", "age:1", "unknown:token"),
                new int[] {3, 7, 7, 20});
        FmScorer.UserContext context = scorer.prepare(user);
        for (int i = 0; i < 25; i++) {
            double expected = RandomModels.naive(model, user.concat(space.itemFeatures(i)));
            assertEquals(expected, scorer.score(context, i), 1e-4 * (1 + Math.abs(expected)));
        }
    }

    @Test
    void explanationPartsAddUpToTheScore() {
        Random random = new Random(9);
        FeatureSpace space = RandomModels.space(random, 10, 15, true, true);
        FmModel model = RandomModels.model(random, space, 16);
        FmScorer scorer = new FmScorer(model);
        for (int u = 0; u < 10; u++) {
            FmScorer.UserContext context = scorer.prepare(u);
            for (int i = 0; i < 15; i++) {
                FmExplanation e = scorer.explain(context, i, 3);
                double sum = e.globalBias() + e.userPairwise() + e.itemSide();
                for (float c : e.byUserGroup().values()) {
                    sum += c;
                }
                assertEquals(e.score(), sum, 1e-4 * (1 + Math.abs(e.score())));
                assertEquals(scorer.score(context, i), e.score());
                assertTrue(e.topFeatures().size() <= 3);
                for (int t = 1; t < e.topFeatures().size(); t++) {
                    assertTrue(Math.abs(e.topFeatures().get(t - 1).contribution())
                            >= Math.abs(e.topFeatures().get(t).contribution()), "top features sorted");
                }
                assertEquals("user=u" + u, e.topFeatures().stream().filter(f -> f.group() == FeatureGroup.USER_ID)
                        .findFirst().map(FmExplanation.FeatureContribution::feature).orElse("user=u" + u));
            }
        }
    }

    @Test
    void refusesItemSideFeaturesInUserContext() {
        Random random = new Random(1);
        FeatureSpace space = RandomModels.space(random, 3, 4, true, false);
        FmScorer scorer = new FmScorer(RandomModels.model(random, space, 4));
        SparseFeatures itemFeatures = space.itemFeatures(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scorer.prepare(itemFeatures));
        assertEquals("feature 5 (item=i2) is not a user-side feature", e.getMessage());
    }

    @Test
    void refusesRepeatedUserFeatures() {
        Random random = new Random(1);
        FeatureSpace space = RandomModels.space(random, 3, 4, true, false);
        FmScorer scorer = new FmScorer(RandomModels.model(random, space, 4));
        SparseFeatures twice = new SparseFeatures(new int[] {1, 0, 1}, new float[] {1, 1, 1});
        assertEquals("feature 1 (user=u1) appears twice",
                assertThrows(IllegalArgumentException.class, () -> scorer.prepare(twice)).getMessage());
    }

    @Test
    void refusesItemsOutOfRange() {
        Random random = new Random(1);
        FeatureSpace space = RandomModels.space(random, 3, 4, false, false);
        FmScorer scorer = new FmScorer(RandomModels.model(random, space, 4));
        FmScorer.UserContext context = scorer.prepare(0);
        assertEquals("item 4 outside [0, 4)",
                assertThrows(IllegalArgumentException.class, () -> scorer.score(context, 4)).getMessage());
        assertEquals("item -1 outside [0, 4)", assertThrows(IllegalArgumentException.class,
                () -> scorer.scoreAll(context, new int[] {0, -1}, new float[2])).getMessage());
        assertEquals("out length 1 < items length 2", assertThrows(IllegalArgumentException.class,
                () -> scorer.scoreAll(context, new int[] {0, 1}, new float[1])).getMessage());
        assertEquals("user 3 outside [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> scorer.prepare(3)).getMessage());
    }
}
