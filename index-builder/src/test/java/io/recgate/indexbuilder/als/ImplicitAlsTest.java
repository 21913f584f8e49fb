package io.recgate.indexbuilder.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.ids.IdMap;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.io.Interactions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImplicitAlsTest {

    private static final int GROUPS = 4;

    private static AlsParams plantedParams() {
        return AlsParams.implicitDefaults().withRank(8).withLambda(1).withAlpha(10).withIterations(10).withThreads(2);
    }

    @Test
    void recoversPlantedCommunitiesAndBeatsPopularityOnHeldOutClicks() {
        PlantedData.Split split = PlantedData.communities(240, 160, GROUPS, 0.3, 0.02, 21);
        List<Double> losses = new ArrayList<>();
        FactorModel model = ImplicitAls.train(split.train(), plantedParams(), (it, n, t, loss) -> losses.add(loss));

        assertFalse(model.hasBiases());
        // Each user's top-10 unseen items come from the user's own community.
        int inGroup = 0;
        int total = 0;
        float[] scores = new float[model.itemCount()];
        boolean[][] seen = new boolean[model.userCount()][model.itemCount()];
        for (int r = 0; r < split.train().size(); r++) {
            seen[split.train().user(r)][split.train().item(r)] = true;
        }
        for (int u = 0; u < model.userCount(); u++) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = seen[u][i] ? Float.NEGATIVE_INFINITY : model.predict(u, i);
            }
            for (int i : io.recgate.kernels.TopK.largest(scores, scores.length, 10)) {
                inGroup += i % GROUPS == u % GROUPS ? 1 : 0;
                total++;
            }
        }
        assertTrue(inGroup > 0.95 * total, "top-10 in own community: " + inGroup + " / " + total);
        double ndcg = OfflineMetrics.ndcg(model, split.train(), split.test());
        double popularity = OfflineMetrics.popularityNdcg(split.train(), split.test());
        assertTrue(ndcg > 2 * popularity, "NDCG@10 " + ndcg + " vs popularity " + popularity);
        assertEquals(10, losses.size());
        assertTrue(losses.get(9) < losses.get(0), "loss decreases: " + losses);
    }

    @Test
    void sameSeedGivesBitIdenticalModelsRunToRunAndAcrossThreadCounts() {
        PlantedData.Split split = PlantedData.communities(90, 70, 3, 0.3, 0.05, 4);
        AlsParams params = plantedParams().withIterations(4).withSeed(5);
        FactorModel first = ImplicitAls.train(split.train(), params, ProgressListener.none());
        ExplicitAlsTest.assertSameModel(first, ImplicitAls.train(split.train(), params, ProgressListener.none()));
        ExplicitAlsTest.assertSameModel(first, ImplicitAls.train(split.train(), params.withThreads(1), ProgressListener.none()));
        ExplicitAlsTest.assertSameModel(first, ImplicitAls.train(split.train(), params.withThreads(4), ProgressListener.none()));
    }

    @Test
    void repeatedInteractionsCountLikeOneSummedWeight() {
        IdMap users = PlantedData.ids("u", 3);
        IdMap items = PlantedData.ids("i", 3);
        Interactions repeated = PlantedData.interactions(users, items,
                new int[] {0, 0, 1, 2, 0}, new int[] {1, 1, 2, 0, 1}, new float[] {1, 2, 1, 1, 0.5f});
        Interactions summed = PlantedData.interactions(users, items,
                new int[] {0, 1, 2}, new int[] {1, 2, 0}, new float[] {3.5f, 1, 1});
        AlsParams params = plantedParams().withRank(2).withConfidence(ConfidenceScaling.LOG);
        ExplicitAlsTest.assertSameModel(ImplicitAls.train(summed, params, ProgressListener.none()),
                ImplicitAls.train(repeated, params, ProgressListener.none()));
    }

    @Test
    void usersWithoutInteractionsGetZeroVectors() {
        IdMap users = PlantedData.ids("u", 3);
        IdMap items = PlantedData.ids("i", 2);
        Interactions clicks = PlantedData.interactions(users, items, new int[] {0, 1}, new int[] {0, 1}, new float[] {1, 1});
        FactorModel model = ImplicitAls.train(clicks, plantedParams().withRank(3), ProgressListener.none());
        for (int f = 0; f < 3; f++) {
            assertEquals(0f, model.userFactors()[2 * 3 + f]);
        }
        assertTrue(model.predict(0, 0) > model.predict(0, 1), "user 0 prefers the item it clicked");
    }

    @Test
    void rejectsNonPositiveWeightNamingTheInteraction() {
        IdMap users = PlantedData.ids("u", 2);
        IdMap items = PlantedData.ids("i", 2);
        Interactions clicks = PlantedData.interactions(users, items, new int[] {0, 1}, new int[] {0, 1}, new float[] {1, -2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImplicitAls.train(clicks, plantedParams(), ProgressListener.none()));
        assertEquals("interaction 1: value -2.0 must be finite and > 0 for implicit feedback", e.getMessage());
    }

    @Test
    void rejectsEmptyInput() {
        Interactions empty = PlantedData.interactions(PlantedData.ids("u", 1), PlantedData.ids("i", 1),
                new int[0], new int[0], new float[0]);
        assertEquals("no interactions to train on", assertThrows(IllegalArgumentException.class,
                () -> ImplicitAls.train(empty, plantedParams(), ProgressListener.none())).getMessage());
    }
}
