package io.recgate.indexbuilder.fm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recgate.core.fm.FmModel;
import io.recgate.core.fm.FmScorer;
import io.recgate.core.fm.SparseFeatures;
import io.recgate.indexbuilder.io.Interactions;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FmTrainerTest {

    private static final double NOISE = 0.1;

    private static byte[] bytes(FmModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }

    private static double stdev(Interactions data) {
        double mean = 0;
        for (int c = 0; c < data.size(); c++) {
            mean += data.value(c);
        }
        mean /= data.size();
        double sq = 0;
        for (int c = 0; c < data.size(); c++) {
            sq += (data.value(c) - mean) * (data.value(c) - mean);
        }
        return Math.sqrt(sq / data.size());
    }

    @Test
    void recoversAPlantedFmToNearTheNoiseLevel() {
        PlantedFm planted = new PlantedFm(7, 150, 120, 3, 0.35, NOISE);
        FmParams params = new FmParams(3, 120, 40, 5, 0.1, 1, true, true, false);
        List<Double> trainRmse = new ArrayList<>();
        FmModel model = FmTrainer.train(planted.train, params, (t, n, rmse, kept) -> trainRmse.add(rmse));
        double test = FmEvaluation.rmse(model, planted.test.interactions(), -100, 100);
        double spread = stdev(planted.test.interactions());
        System.out.printf("planted FM: test stdev %.3f, test RMSE %.4f, last train RMSE %.4f%n", spread, test,
                trainRmse.getLast());
        assertEquals(120, trainRmse.size());
        assertTrue(spread > 1, "the planted signal is not trivial: stdev " + spread);
        assertTrue(test < 2.5 * NOISE, "test RMSE " + test + " not near noise " + NOISE);
        assertTrue(trainRmse.getLast() < 1.5 * NOISE, "train RMSE " + trainRmse.getLast());
    }

    @Test
    void exportedModelHasFactorsTimesKeptSamples() {
        PlantedFm planted = new PlantedFm(3, 30, 20, 2, 0.5, NOISE);
        FmModel model = FmTrainer.train(planted.train, new FmParams(4, 10, 2, 3, 0.1, 1, true, true, true),
                FmProgressListener.NONE);
        assertEquals(12, model.k());
        assertTrue(model.space().implicit());
    }

    @Test
    void sameSeedGivesIdenticalModelBytes() {
        PlantedFm planted = new PlantedFm(5, 40, 30, 2, 0.4, NOISE);
        FmParams params = new FmParams(4, 20, 5, 3, 0.1, 99, true, true, true);
        byte[] first = bytes(FmTrainer.train(planted.train, params, FmProgressListener.NONE));
        byte[] second = bytes(FmTrainer.train(planted.train, params, FmProgressListener.NONE));
        byte[] otherSeed = bytes(FmTrainer.train(planted.train, params.withSeed(100), FmProgressListener.NONE));
        assertArrayEquals(first, second);
        assertFalse(Arrays.equals(first, otherSeed));
    }

    @Test
    void unseenUsersAndItemsScoreFromTheirSideFeatures() {
        PlantedFm planted = new PlantedFm(11, 60, 50, 2, 0.4, NOISE);
        // Drop every training case of user 0 and item 0: their id features have no data.
        Interactions all = planted.train.interactions();
        int[] rows = java.util.stream.IntStream.range(0, all.size())
                .filter(c -> all.user(c) != 0 && all.item(c) != 0).toArray();
        var train = new io.recgate.indexbuilder.io.Dataset(all.select(rows), true, planted.train.catalog(),
                planted.train.userFeatures(), planted.train.itemFeatures());
        FmModel model = FmTrainer.train(train, new FmParams(2, 30, 10, 2, 0.1, 1, true, true, false),
                FmProgressListener.NONE);
        FmScorer scorer = new FmScorer(model);
        float score = scorer.score(scorer.prepare(0), 0);
        assertTrue(Float.isFinite(score) && Math.abs(score - 3) < 5, "cold score " + score);
    }

    @Test
    void refusesInvalidParametersListingEveryError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FmParams(0, 10, 10, 0, Double.NaN, 1, true, true, true));
        assertEquals("invalid FM parameters: factors 0 must be > 0; burnIn 10 must be in [0, iterations 10); "
                + "keptSamples 0 must be in [1, iterations - burnIn = 0]; initStdev NaN must be finite and > 0",
                e.getMessage());
        assertEquals("invalid FM parameters: factors × keptSamples = 2048 exceeds 1024",
                assertThrows(IllegalArgumentException.class,
                        () -> new FmParams(256, 100, 10, 8, 0.1, 1, true, true, true)).getMessage());
    }

    @Test
    void refusesEmptyTrainingData() {
        PlantedFm planted = new PlantedFm(3, 5, 5, 2, 0.5, NOISE);
        Interactions all = planted.train.interactions();
        var empty = new io.recgate.indexbuilder.io.Dataset(all.select(new int[0]), true, planted.train.catalog(),
                planted.train.userFeatures(), planted.train.itemFeatures());
        assertEquals("no training interactions", assertThrows(IllegalArgumentException.class,
                () -> FmTrainer.train(empty, FmParams.defaults(), FmProgressListener.NONE)).getMessage());
    }

    @Test
    void evaluationClipsPredictionsToTheRatingRange() {
        PlantedFm planted = new PlantedFm(3, 30, 20, 2, 0.5, NOISE);
        FmModel model = FmTrainer.train(planted.train, new FmParams(2, 10, 2, 2, 0.1, 1, false, false, false),
                FmProgressListener.NONE);
        Interactions test = planted.test.interactions();
        double rmse = FmEvaluation.rmse(model, test, 3f, 3f);
        double expected = 0;
        for (int c = 0; c < test.size(); c++) {
            expected += (3 - test.value(c)) * (3 - test.value(c));
        }
        assertEquals(Math.sqrt(expected / test.size()), rmse, 1e-6);
        assertEquals("rating range [5.0, 1.0] is empty", assertThrows(IllegalArgumentException.class,
                () -> FmEvaluation.rmse(model, test, 5f, 1f)).getMessage());
    }

    @Test
    void exportedModelAveragesTheKeptSamples() {
        // With one kept sample the export is that sample; with S samples its prediction is their mean,
        // so the exported k·S model must equal the mean of S one-sample models taken at the same sweeps.
        PlantedFm planted = new PlantedFm(13, 30, 25, 2, 0.5, NOISE);
        FmParams params = new FmParams(3, 12, 4, 4, 0.1, 5, true, true, true);
        FmModel averaged = FmTrainer.train(planted.train, params, FmProgressListener.NONE);
        FmModel[] single = new FmModel[4];
        for (int s = 0; s < 4; s++) {
            // Kept sweeps are 6, 8, 10, 12: a one-sample run stopping at each gives that sample.
            single[s] = FmTrainer.train(planted.train, new FmParams(3, 6 + 2 * s, 4, 1, 0.1, 5, true, true, true),
                    FmProgressListener.NONE);
        }
        for (int u = 0; u < 30; u += 3) {
            for (int i = 0; i < 25; i += 2) {
                SparseFeatures x = averaged.space().userFeatures(u).concat(averaged.space().itemFeatures(i));
                double mean = 0;
                for (FmModel m : single) {
                    mean += m.predict(x) / 4;
                }
                assertEquals(mean, averaged.predict(x), 1e-4, "user " + u + " item " + i);
            }
        }
    }
}
