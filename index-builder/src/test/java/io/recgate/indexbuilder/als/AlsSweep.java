package io.recgate.indexbuilder.als;

import io.recgate.core.model.FactorModel;
import io.recgate.indexbuilder.io.Interactions;
import java.util.Arrays;

/**
 * Hyperparameter sweeps on MovieLens 100K u1, the tool behind the defaults in {@link AlsParams}.
 * Not a test; every comma-separated list is a grid axis:
 * <pre>
 * AlsSweep explicit RANKS LAMBDAS ITERATIONS            e.g. explicit 30,50,80 0.11,0.12,0.13 15
 * AlsSweep implicit RANKS LAMBDAS ALPHAS ITERATIONS linear|log binary|rating
 * </pre>
 * "binary" turns every training rating into a click of weight 1, "rating" keeps the rating as the
 * weight. Prints the test RMSE (predictions clipped to [1, 5]) or NDCG@10 and the popularity baseline.
 */
final class AlsSweep {

    private AlsSweep() {
    }

    public static void main(String[] args) {
        MovieLens100k data = MovieLens100k.load(MovieLens100k.locate()
                .orElseThrow(() -> new IllegalStateException(MovieLens100k.missingReason())), "u1");
        if (args[0].equals("explicit")) {
            for (String rank : args[1].split(",")) {
                for (String lambda : args[2].split(",")) {
                    for (String iterations : args[3].split(",")) {
                        AlsParams params = AlsParams.defaults().withRank(Integer.parseInt(rank))
                                .withLambda(Double.parseDouble(lambda)).withIterations(Integer.parseInt(iterations));
                        FactorModel model = ExplicitAls.train(data.train(), params, ProgressListener.none());
                        System.out.printf("explicit rank %s lambda %s iterations %s: test RMSE %.4f%n",
                                rank, lambda, iterations, OfflineMetrics.rmse(model, data.test(), 1f, 5f));
                    }
                }
            }
            return;
        }
        Interactions train = args[6].equals("binary") ? asClicks(data.train()) : data.train();
        System.out.printf("popularity NDCG@10 %.4f%n", OfflineMetrics.popularityNdcg(data.train(), data.test()));
        ConfidenceScaling scaling = ConfidenceScaling.valueOf(args[5].toUpperCase());
        for (String rank : args[1].split(",")) {
            for (String lambda : args[2].split(",")) {
                for (String alpha : args[3].split(",")) {
                    for (String iterations : args[4].split(",")) {
                        AlsParams params = AlsParams.implicitDefaults().withRank(Integer.parseInt(rank))
                                .withLambda(Double.parseDouble(lambda)).withAlpha(Double.parseDouble(alpha))
                                .withIterations(Integer.parseInt(iterations)).withConfidence(scaling);
                        FactorModel model = ImplicitAls.train(train, params, ProgressListener.none());
                        System.out.printf("implicit rank %s lambda %s alpha %s iterations %s %s %s: NDCG@10 %.4f%n",
                                rank, lambda, alpha, iterations, args[5], args[6],
                                OfflineMetrics.ndcg(model, data.train(), data.test()));
                    }
                }
            }
        }
    }

    static Interactions asClicks(Interactions ratings) {
        float[] ones = new float[ratings.size()];
        Arrays.fill(ones, 1f);
        return new Interactions(ratings.users(), ratings.items(), ratings.userColumn(), ratings.itemColumn(), ones,
                ratings.timestampColumn());
    }
}
