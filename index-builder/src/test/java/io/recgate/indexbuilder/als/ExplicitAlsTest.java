package io.recgate.indexbuilder.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.ids.IdMap;
import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.io.Interactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplicitAlsTest {

    private static final double NOISE = 0.1;

    private static double rmse(FactorModel model, Interactions data) {
        return OfflineMetrics.rmse(model, data, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    }

    @Test
    void recoversPlantedLowRankStructureDownToTheNoiseLevel() {
        PlantedData.Split split = PlantedData.lowRankRatings(300, 200, 4, 0.3, NOISE, 7);
        AlsParams params = AlsParams.defaults().withRank(4).withLambda(0.01).withIterations(20).withThreads(2);
        List<Double> losses = new ArrayList<>();
        FactorModel model = ExplicitAls.train(split.train(), params, (it, n, elapsed, loss) -> losses.add(loss));

        double trainRmse = rmse(model, split.train());
        double testRmse = rmse(model, split.test());
        assertTrue(trainRmse < 1.1 * NOISE, "train RMSE " + trainRmse);
        assertTrue(testRmse < 1.25 * NOISE, "held-out RMSE " + testRmse);
        assertEquals(20, losses.size());
        assertEquals(trainRmse, losses.get(19), 1e-4, "reported loss is the training RMSE");
        assertTrue(losses.get(19) < losses.get(0), "loss decreases: " + losses);
    }

    @Test
    void sameSeedGivesBitIdenticalModelsRunToRunAndAcrossThreadCounts() {
        PlantedData.Split split = PlantedData.lowRankRatings(120, 90, 3, 0.4, NOISE, 3);
        AlsParams params = AlsParams.defaults().withRank(8).withIterations(5).withSeed(11).withThreads(2);
        FactorModel first = ExplicitAls.train(split.train(), params, ProgressListener.none());
        FactorModel again = ExplicitAls.train(split.train(), params, ProgressListener.none());
        FactorModel oneThread = ExplicitAls.train(split.train(), params.withThreads(1), ProgressListener.none());
        FactorModel threeThreads = ExplicitAls.train(split.train(), params.withThreads(3), ProgressListener.none());
        for (FactorModel other : List.of(again, oneThread, threeThreads)) {
            assertSameModel(first, other);
        }
        FactorModel otherSeed = ExplicitAls.train(split.train(), params.withSeed(12), ProgressListener.none());
        assertTrue(first.userFactors()[0] != otherSeed.userFactors()[0], "the seed matters");
    }

    @Test
    void modelDoesNotDependOnTheOrderOfTheRatings() {
        PlantedData.Split split = PlantedData.lowRankRatings(50, 40, 2, 0.5, NOISE, 5);
        Interactions train = split.train();
        int[] reversed = new int[train.size()];
        for (int r = 0; r < reversed.length; r++) {
            reversed[r] = reversed.length - 1 - r;
        }
        AlsParams params = AlsParams.defaults().withRank(4).withIterations(3).withThreads(1);
        assertSameModel(ExplicitAls.train(train, params, ProgressListener.none()),
                ExplicitAls.train(train.select(reversed), params, ProgressListener.none()));
    }

    static void assertSameModel(FactorModel expected, FactorModel actual) {
        assertArrayEquals(expected.userFactors(), actual.userFactors());
        assertArrayEquals(expected.itemFactors(), actual.itemFactors());
        assertArrayEquals(expected.userBias(), actual.userBias());
        assertArrayEquals(expected.itemBias(), actual.itemBias());
        assertEquals(expected.globalBias(), actual.globalBias());
    }

    @Test
    void usersAndItemsWithoutRatingsPredictMeanPlusKnownBias() {
        IdMap users = PlantedData.ids("u", 3);
        IdMap items = PlantedData.ids("i", 3);
        // user 2 and item 2 have no ratings
        Interactions ratings = PlantedData.interactions(users, items,
                new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}, new float[] {5, 3, 4, 2});
        FactorModel model = ExplicitAls.train(ratings, AlsParams.defaults().withRank(2).withThreads(1),
                ProgressListener.none());
        assertEquals(3.5f, model.globalBias());
        assertEquals(0f, model.userBias()[2]);
        assertEquals(0f, model.itemBias()[2]);
        assertEquals(model.globalBias() + model.itemBias()[0], model.predict(2, 0), 1e-6);
        assertEquals(model.globalBias() + model.userBias()[1], model.predict(1, 2), 1e-6);
        assertTrue(model.itemBias()[0] > model.itemBias()[1], "item 0 is rated higher by both users");
    }

    @Test
    void reportsEveryIterationInOrderWithElapsedTime() {
        PlantedData.Split split = PlantedData.lowRankRatings(30, 20, 2, 0.5, NOISE, 1);
        List<Integer> seen = new ArrayList<>();
        List<Duration> elapsed = new ArrayList<>();
        ExplicitAls.train(split.train(), AlsParams.defaults().withIterations(4).withThreads(2),
                new ProgressListener() {
                    @Override
                    public void onIteration(int iteration, int iterations, Duration time, double loss) {
                        assertEquals(4, iterations);
                        assertTrue(Double.isNaN(loss), "no loss when not asked for");
                        seen.add(iteration);
                        elapsed.add(time);
                    }

                    @Override
                    public boolean wantsTrainingLoss() {
                        return false;
                    }
                });
        assertEquals(List.of(1, 2, 3, 4), seen);
        for (int k = 1; k < elapsed.size(); k++) {
            assertTrue(elapsed.get(k).compareTo(elapsed.get(k - 1)) >= 0);
        }
    }

    @Test
    void rejectsNonFiniteRatingNamingTheInteraction() {
        IdMap users = PlantedData.ids("u", 2);
        IdMap items = PlantedData.ids("i", 2);
        Interactions ratings = PlantedData.interactions(users, items,
                new int[] {0, 1}, new int[] {0, 1}, new float[] {4, Float.NaN});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExplicitAls.train(ratings, AlsParams.defaults(), ProgressListener.none()));
        assertEquals("interaction 1: value NaN must be finite", e.getMessage());
    }

    @Test
    void rejectsIndexOutsideTheIdMaps() {
        IdMap users = PlantedData.ids("u", 2);
        IdMap items = PlantedData.ids("i", 2);
        Interactions ratings = PlantedData.interactions(users, items,
                new int[] {0, 1}, new int[] {0, 2}, new float[] {4, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExplicitAls.train(ratings, AlsParams.defaults(), ProgressListener.none()));
        assertEquals("interaction 1: item index 2 outside [0, 2)", e.getMessage());
    }

    @Test
    void rejectsEmptyInput() {
        Interactions empty = PlantedData.interactions(PlantedData.ids("u", 1), PlantedData.ids("i", 1),
                new int[0], new int[0], new float[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExplicitAls.train(empty, AlsParams.defaults(), ProgressListener.none()));
        assertEquals("no ratings to train on", e.getMessage());
    }
}
