package io.recgate.indexbuilder.eval;

import io.recgate.indexbuilder.io.Interactions;
import java.util.Objects;

/**
 * Root mean squared error and mean absolute error of rating predictions over test rows.
 *
 * @param rmse  sqrt(Σ (pred − rating)² / count); NaN when count is 0
 * @param mae   Σ |pred − rating| / count; NaN when count is 0
 * @param count number of test rows
 */
public record RatingMetrics(double rmse, double mae, long count) {

    /**
     * Scores every row of {@code test} with the predictor, clipping each prediction to
     * [clipMin, clipMax] when both are numbers. Sums in row order in double precision, so the
     * result is deterministic.
     */
    public static RatingMetrics compute(RatingPredictor predictor, Interactions test, float clipMin, float clipMax) {
        Objects.requireNonNull(predictor, "predictor");
        Objects.requireNonNull(test, "test");
        boolean clip = !Float.isNaN(clipMin) && !Float.isNaN(clipMax);
        if (clip && clipMin > clipMax) {
            throw new IllegalArgumentException("clip range [" + clipMin + ", " + clipMax + "] is empty");
        }
        int[] users = test.userColumn();
        int[] items = test.itemColumn();
        float[] values = test.valueColumn();
        double squared = 0;
        double absolute = 0;
        for (int r = 0; r < users.length; r++) {
            float prediction = predictor.predict(users[r], items[r]);
            if (clip) {
                prediction = Math.max(clipMin, Math.min(clipMax, prediction));
            }
            double error = (double) prediction - values[r];
            squared += error * error;
            absolute += Math.abs(error);
        }
        int n = users.length;
        return n == 0 ? new RatingMetrics(Double.NaN, Double.NaN, 0)
                : new RatingMetrics(Math.sqrt(squared / n), absolute / n, n);
    }
}
